package io.fillonce.registry.system;

/** A request reached the service without the identity the gateway forwards; answered with 401. */
class MissingIdentity extends RuntimeException {

    MissingIdentity() {
        super("missing header " + CallerIdentity.PRINCIPAL_HEADER + "; call the registry through the gateway");
    }
}
