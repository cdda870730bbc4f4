package io.fillonce.intake.registry;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Applies one registry entry (key {@code <kind>/<id>}, value a registry entry or {@code null} when deleted) to the
 * view. Only {@code record-type} entries matter to intake; anything unreadable is logged and skipped, so one bad
 * entry never stops the view.
 */
@Component
class RegistryEntries {

    private static final Logger log = LoggerFactory.getLogger(RegistryEntries.class);

    private static final String RECORD_TYPE = "record-type/";

    private final RecordTypes types;

    private final JsonMapper json;

    RegistryEntries(RecordTypes types, JsonMapper json) {
        this.types = types;
        this.json = json;
    }

    void apply(String key, String value) {
        if (key == null || !key.startsWith(RECORD_TYPE)) {
            return;
        }
        String name = key.substring(RECORD_TYPE.length());
        if (value == null) {
            types.remove(name);
            log.info("Record type {} was deleted", name);
            return;
        }
        try {
            RecordType type = recordType(json.readTree(value).path("state"));
            types.put(type);
            log.info("Record type {} is at schema version {}", type.name(), type.version());
        }
        catch (JacksonException | IllegalArgumentException | com.networknt.schema.SchemaException e) {
            log.warn("Skipping unreadable registry entry {}: {}", key, e.getMessage());
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
