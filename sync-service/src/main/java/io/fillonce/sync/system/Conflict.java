package io.fillonce.sync.system;

/** The resource is not in a state that allows the request. */
public class Conflict extends RuntimeException {

    public Conflict(String message) {
        super(message);
    }
}
