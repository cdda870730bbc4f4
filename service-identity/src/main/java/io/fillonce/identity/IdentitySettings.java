package io.fillonce.identity;

import java.nio.charset.StandardCharsets;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The secret the gateway signs {@code X-Fillonce-Identity} with ({@code FILLONCE_IDENTITY_SECRET}, shared with the
 * gateway) and this service's name as the token's audience ({@code fillonce.identity.audience}, the service's
 * {@code spring.application.name}): a token the gateway minted for another service is refused here. Both required:
 * without a secret of at least 32 bytes (an HS256 key) or an audience the service does not start, rather than run
 * open.
 */
@ConfigurationProperties("fillonce.identity")
record IdentitySettings(String secret, String audience) {

    static final int MIN_SECRET_BYTES = 32;

    IdentitySettings {
        if (secret == null || secret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("fillonce.identity.secret (FILLONCE_IDENTITY_SECRET) must be the "
                    + "gateway's identity secret, at least " + MIN_SECRET_BYTES + " bytes; without it this service "
                    + "cannot tell the gateway's callers from anyone else and will not start");
        }
        if (audience == null || audience.isBlank()) {
            throw new IllegalArgumentException("fillonce.identity.audience must name this service (the audience the "
                    + "gateway mints its tokens for, e.g. intake-service); without it the service will not start");
        }
    }

    byte[] secretBytes() {
        return secret.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "IdentitySettings[secret=<hidden>, audience=" + audience + "]";
    }
}
