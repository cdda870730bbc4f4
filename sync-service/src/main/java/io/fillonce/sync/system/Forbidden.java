package io.fillonce.sync.system;

/** The caller is known but may not do what it asked. */
public class Forbidden extends RuntimeException {

    public Forbidden(String message) {
        super(message);
    }
}
