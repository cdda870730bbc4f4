package io.fillonce.registry.publishing;

import java.time.Instant;

/** The value of one fillonce.registry message (contracts/schemas/registry-entry.schema.json). */
record RegistryEntry(String kind, String id, long revision, Instant updatedAt, Object state) {

    String key() {
        return kind + "/" + id;
    }
}
