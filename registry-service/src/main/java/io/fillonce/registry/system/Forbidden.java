package io.fillonce.registry.system;

/** The caller's role reaches the endpoint but not this resource or step (not its department's); answered with 403. */
public class Forbidden extends RuntimeException {

    public Forbidden(String message) {
        super(message);
    }
}
