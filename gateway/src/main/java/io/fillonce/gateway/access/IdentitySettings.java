package io.fillonce.gateway.access;

import java.nio.charset.StandardCharsets;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The shared secret the gateway signs the forwarded identity with ({@code FILLONCE_IDENTITY_SECRET}); the gateway
 * refuses to start without one of at least 32 bytes (HS256 needs a 256-bit key).
 */
@ConfigurationProperties("fillonce.identity")
record IdentitySettings(String secret) {

    static final int MIN_SECRET_BYTES = 32;

    IdentitySettings {
        if (secret == null || secret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("fillonce.identity.secret (FILLONCE_IDENTITY_SECRET) must be at least "
                    + MIN_SECRET_BYTES + " bytes; the gateway will not sign identities with a shorter secret");
        }
    }

    byte[] secretBytes() {
        return secret.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "IdentitySettings[secret=<hidden>]";
    }
}
