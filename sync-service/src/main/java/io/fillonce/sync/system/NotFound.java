package io.fillonce.sync.system;

/** The addressed resource does not exist. */
public class NotFound extends RuntimeException {

    public NotFound(String message) {
        super(message);
    }
}
