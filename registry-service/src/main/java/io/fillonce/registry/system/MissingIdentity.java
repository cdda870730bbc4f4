package io.fillonce.registry.system;

/**
 * A request reached the service without a valid gateway-signed identity ({@link IdentityFilter}); answered with
 * 401 and the reason.
 */
class MissingIdentity extends RuntimeException {

    MissingIdentity(String reason) {
        super(reason);
    }
}
