package io.fillonce.registry.publishing;

import java.time.Instant;

import io.fillonce.registryfeed.EntryKind;
import io.fillonce.registryfeed.RegistryTopic;

/**
 * The value of one fillonce.registry message (contracts/schemas/registry-entry.schema.json); {@code kind} is an
 * {@link EntryKind}'s wire name.
 */
record RegistryEntry(String kind, String id, long revision, Instant updatedAt, Object state) {

    RegistryEntry(EntryKind kind, String id, long revision, Instant updatedAt, Object state) {
        this(kind.wireName(), id, revision, updatedAt, state);
    }

    String key() {
        return RegistryTopic.key(EntryKind.named(kind).orElseThrow(), id);
    }
}
