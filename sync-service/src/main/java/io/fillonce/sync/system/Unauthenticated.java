package io.fillonce.sync.system;

/** The request carries no valid gateway-signed identity (X-Fillonce-Identity, see IdentityFilter); answered 401. */
public class Unauthenticated extends RuntimeException {

    public Unauthenticated() {
        this("this request needs an identity (X-Fillonce-Identity, signed by the gateway)");
    }

    public Unauthenticated(String reason) {
        super(reason);
    }
}
