package io.fillonce.registryfeed;

/**
 * The compacted topic that carries the registry's current state (contracts/asyncapi.yaml): registry-service writes
 * it, every other service follows it. One message per resource, key {@code <kind>/<id>} ({@link EntryKind}), value a
 * registry entry (contracts/schemas/registry-entry.schema.json) or null once the resource was deleted.
 */
public final class RegistryTopic {

    public static final String NAME = "fillonce.registry";

    private RegistryTopic() {
    }

    /** The message key of the resource {@code id} of {@code kind}, e.g. {@code principal/admin:bootstrap}. */
    public static String key(EntryKind kind, String id) {
        return kind.wireName() + "/" + id;
    }
}
