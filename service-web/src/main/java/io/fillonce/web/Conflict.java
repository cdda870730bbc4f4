package io.fillonce.web;

/**
 * The request is well formed but the resource's current state does not allow it: a 409 problem of type
 * {@code conflict}, the message its detail.
 */
public class Conflict extends RuntimeException {

    public Conflict(String message) {
        super(message);
    }
}
