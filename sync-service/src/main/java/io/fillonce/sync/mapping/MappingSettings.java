package io.fillonce.sync.mapping;

import java.nio.charset.StandardCharsets;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The mapping engine's settings. {@code hashSecret} ({@code FILLONCE_HASH_SECRET}, at least 32 bytes) is the master
 * secret every department's keys are derived from: the salted hashes of {@code "transform": "hash"} fields and the
 * pseudonyms departments see entities under ({@link Subjects}). It lives only in sync-service's configuration, never
 * in the registry, so nobody can recompute a department's pseudonyms from registry or public data. Changing it
 * changes every hashed value and pseudonym departments receive. Without it sync-service does not start: it could not
 * share an entity without disclosing its key.
 */
@ConfigurationProperties("fillonce.sync.mapping")
public record MappingSettings(String hashSecret) {

    static final int MIN_SECRET_BYTES = 32;

    public MappingSettings {
        if (hashSecret == null || hashSecret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("fillonce.sync.mapping.hash-secret (FILLONCE_HASH_SECRET) must be set, "
                    + "at least " + MIN_SECRET_BYTES + " bytes: without it entities cannot be shared under pseudonyms");
        }
    }

    byte[] secret() {
        return hashSecret.getBytes(StandardCharsets.UTF_8);
    }
}
