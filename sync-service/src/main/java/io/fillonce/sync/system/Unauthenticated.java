package io.fillonce.sync.system;

/** The request carries no X-Fillonce-Principal. */
public class Unauthenticated extends RuntimeException {

    public Unauthenticated() {
        super("this request needs an identity (X-Fillonce-Principal, set by the gateway)");
    }
}
