package io.fillonce.registry.system;

/** The request is well-formed but the resource's current state does not allow it; answered with 409. */
public class Conflict extends RuntimeException {

    public Conflict(String message) {
        super(message);
    }
}
