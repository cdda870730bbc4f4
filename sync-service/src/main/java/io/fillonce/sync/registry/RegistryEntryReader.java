package io.fillonce.sync.registry;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.fillonce.sync.mapping.CodeTable;
import io.fillonce.sync.mapping.FieldMapping;
import io.fillonce.sync.mapping.Filter;
import io.fillonce.sync.mapping.InvalidMapping;
import tools.jackson.databind.JsonNode;

/** Reads the {@code state} of registry entries (contracts/schemas/registry-entry.schema.json) into view objects. */
final class RegistryEntryReader {

    /** Department codes name Kafka topics, so they must stay within the registry's pattern. */
    private static final Pattern DEPARTMENT_CODE = Pattern.compile("^[a-z][a-z0-9-]{0,62}$");

    private RegistryEntryReader() {
    }

    static Subscription subscription(JsonNode state) {
        String department = text(state, "department");
        if (!DEPARTMENT_CODE.matcher(department).matches()) {
            throw new InvalidMapping("department '" + department + "' is not a valid department code");
        }
        Set<String> channels = state.path("channels").valueStream().map(JsonNode::asString).collect(Collectors.toSet());
        return new Subscription(text(state, "id"), department, text(state, "recordType"), text(state, "purpose"),
                text(state, "legalBasis"), FieldMapping.parse(state.path("fields")), Filter.parse(state.get("filter")),
                channels);
    }

    static CodeTable codeTable(JsonNode state) {
        JsonNode entries = state.path("entries");
        if (!entries.isObject()) {
            throw new InvalidMapping("a code table's 'entries' must be an object");
        }
        Map<String, String> codes = new LinkedHashMap<>();
        entries.properties().forEach(entry -> codes.put(entry.getKey(), entry.getValue().asString()));
        return new CodeTable(text(state, "name"), codes);
    }

    static Department department(JsonNode state) {
        return new Department(text(state, "code"), state.path("name").asString(""));
    }

    private static String text(JsonNode state, String property) {
        JsonNode value = state.path(property);
        if (!value.isString() || value.stringValue().isEmpty()) {
            throw new InvalidMapping("'" + property + "' must be a non-empty string");
        }
        return value.stringValue();
    }
}
