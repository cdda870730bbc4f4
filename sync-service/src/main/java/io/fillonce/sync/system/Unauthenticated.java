package io.fillonce.sync.system;

/** A controller finds no caller (the identity filter of service-identity lets none through without one); 401. */
public class Unauthenticated extends RuntimeException {

    public Unauthenticated() {
        this("this request needs an identity (X-Fillonce-Identity, signed by the gateway)");
    }

    public Unauthenticated(String reason) {
        super(reason);
    }
}
