package io.fillonce.registry.system;

/** A registry resource that does not exist; answered with 404. */
public class NotFound extends RuntimeException {

    public NotFound(String kind, String id) {
        super("no " + kind + " '" + id + "'");
    }
}
