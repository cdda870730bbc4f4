package io.fillonce.sync.mapping;

import java.nio.charset.StandardCharsets;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The mapping engine's settings. {@code hashSecret} ({@code FILLONCE_HASH_SECRET}, at least 32 bytes) is the master
 * secret every department's hash key is derived from; it lives only in sync-service's configuration, never in the
 * registry, so nobody can recompute a department's pseudonyms from registry or public data. Changing it changes
 * every hashed value departments receive. Unset, {@code "hash"} fields are not delivered (the record is SKIPPED
 * for that department with the reason); nothing is ever hashed without a secret.
 */
@ConfigurationProperties("fillonce.sync.mapping")
public record MappingSettings(String hashSecret) {

    static final int MIN_SECRET_BYTES = 32;

    public MappingSettings {
        if (hashSecret != null && hashSecret.isBlank()) {
            hashSecret = null;
        }
        if (hashSecret != null && hashSecret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("fillonce.sync.mapping.hash-secret (FILLONCE_HASH_SECRET) must be at "
                    + "least " + MIN_SECRET_BYTES + " bytes");
        }
    }
}
