package io.fillonce.intake.record;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * Which fields one version changed against the previous one, as JSON Pointers: objects are compared member by
 * member, anything else (arrays included) as a whole.
 */
public record FieldChanges(List<String> added, List<String> removed, List<String> changed) {

    static FieldChanges between(JsonNode before, JsonNode after) {
        FieldChanges changes = new FieldChanges(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        changes.walk("", before, after);
        return new FieldChanges(List.copyOf(changes.added), List.copyOf(changes.removed), List.copyOf(changes.changed));
    }

    private void walk(String pointer, JsonNode before, JsonNode after) {
        if (!before.isObject() || !after.isObject()) {
            if (!before.equals(after)) {
                changed.add(pointer);
            }
            return;
        }
        for (Map.Entry<String, JsonNode> member : before.properties()) {
            String path = pointer + "/" + escape(member.getKey());
            if (!after.has(member.getKey())) {
                removed.add(path);
            }
            else {
                walk(path, member.getValue(), after.get(member.getKey()));
            }
        }
        for (Map.Entry<String, JsonNode> member : after.properties()) {
            if (!before.has(member.getKey())) {
                added.add(pointer + "/" + escape(member.getKey()));
            }
        }
    }

    private static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }
}
