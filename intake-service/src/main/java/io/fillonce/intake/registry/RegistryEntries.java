package io.fillonce.intake.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import org.springframework.stereotype.Component;

import io.fillonce.registryfeed.EntryKind;
import io.fillonce.registryfeed.RegistryEntry;
import io.fillonce.registryfeed.RegistryEntryHandler;

/**
 * Applies the registry's {@code record-type} entries, as the registry feed hands them over, to the view of
 * {@link RecordTypes}. A type whose entry cannot be compiled is logged and keeps its previous version, so one bad
 * entry never stops the view.
 */
@Component
class RegistryEntries implements RegistryEntryHandler {

    private static final Logger log = LoggerFactory.getLogger(RegistryEntries.class);

    private final RecordTypes types;

    RegistryEntries(RecordTypes types) {
        this.types = types;
    }

    @Override
    public Set<EntryKind> kinds() {
        return Set.of(EntryKind.RECORD_TYPE);
    }

    @Override
    public Map<String, Integer> sizes() {
        return Map.of("recordTypes", types.size());
    }

    @Override
    public void apply(RegistryEntry entry) {
        String name = entry.id();
        if (entry.deleted()) {
            types.remove(name);
            log.info("Record type {} was deleted", name);
            return;
        }
        try {
            RecordType type = recordType(entry.state());
            types.put(type);
            log.info("Record type {} is at schema version {}", type.name(), type.version());
        }
        catch (IllegalArgumentException | com.networknt.schema.SchemaException e) {
            log.warn("Skipping unreadable registry entry {}: {}", entry.key(), e.getMessage());
        }
    }

    private RecordType recordType(JsonNode state) {
        String name = state.path("name").asString("");
        JsonNode schema = state.path("schema");
        if (name.isEmpty() || !schema.isObject() || !state.path("entityKey").isArray()) {
            throw new IllegalArgumentException("a record type needs name, entityKey and schema");
        }
        List<String> entityKey = new ArrayList<>();
        state.path("entityKey").forEach(field -> entityKey.add(field.asString()));
        if (entityKey.isEmpty()) {
            throw new IllegalArgumentException("record type " + name + " has no entity key fields");
        }
        JsonNode regionField = state.path("regionField");
        return new RecordType(name, state.path("version").asInt(1), entityKey, RecordSchemas.compile(schema),
                regionField.isString() && !regionField.asString().isBlank() ? regionField.asString() : null,
                state.path("crossRegionCorrection").asBoolean(false));
    }
}
