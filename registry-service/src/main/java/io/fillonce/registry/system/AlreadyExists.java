package io.fillonce.registry.system;

/** Creating a registry resource whose id is taken; answered with 409. */
public class AlreadyExists extends RuntimeException {

    public AlreadyExists(String kind, String id) {
        super(kind + " '" + id + "' already exists; use PUT to change it or pick another id");
    }
}
