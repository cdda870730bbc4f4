package io.fillonce.registryfeed;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

/**
 * One message of the registry topic, signed by registry-service: the resource {@code id} of {@code kind} and its
 * entry ({@code kind}, {@code id}, {@code revision}, {@code updatedAt}, {@code state}), or a null {@code value} once
 * the resource was deleted.
 */
public record RegistryEntry(EntryKind kind, String id, JsonNode value) {

    private static final Logger log = LoggerFactory.getLogger(RegistryEntry.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The resource {@code id} of {@code kind} was deleted (a tombstone). */
    public static RegistryEntry deletion(EntryKind kind, String id) {
        return new RegistryEntry(kind, id, null);
    }

    /**
     * The entry of the message {@code key → value}; empty when the key does not name a resource of a known kind.
     * A value that is not JSON reads as a deletion: a view forgets what it cannot read rather than keep an older
     * state (a revoked key, a narrowed subscription) in force.
     */
    public static Optional<RegistryEntry> read(String key, String value) {
        int slash = key == null ? -1 : key.indexOf('/');
        if (slash < 1 || slash == key.length() - 1) {
            log.warn("Ignoring registry message with key '{}': expected <kind>/<id>", key);
            return Optional.empty();
        }
        Optional<EntryKind> kind = EntryKind.named(key.substring(0, slash));
        if (kind.isEmpty()) {
            log.debug("Ignoring registry message {}: a kind this service does not know", key);
            return Optional.empty();
        }
        return Optional.of(new RegistryEntry(kind.get(), key.substring(slash + 1), parsed(key, value)));
    }

    public boolean deleted() {
        return value == null;
    }

    /** The resource's state, a missing node when it was deleted. */
    public JsonNode state() {
        return value == null ? MissingNode.getInstance() : value.path("state");
    }

    public String key() {
        return RegistryTopic.key(kind, id);
    }

    private static JsonNode parsed(String key, String value) {
        if (value == null) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(value);
            return node.isNull() ? null : node;
        }
        catch (JacksonException e) {
            log.error("Registry entry {} is not JSON; treating it as a deletion: {}", key, e.getOriginalMessage());
            return null;
        }
    }
}
