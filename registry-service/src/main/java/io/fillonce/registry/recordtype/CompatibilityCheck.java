package io.fillonce.registry.recordtype;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import tools.jackson.databind.JsonNode;

import io.fillonce.registry.system.Problems;
import io.fillonce.web.FieldProblem;

/**
 * Whether a proposed version of a record type is compatible with the current one under a {@link Compatibility}
 * mode. Every problem's pointer is a JSON Pointer into the record (e.g. {@code /address/line}; {@code ""} is the
 * whole record, {@code -} an array's items); its rule names the kind of incompatibility: newRequired,
 * removedRequired, removedProperty, additionalProperties, type, enum, maxLength, minimum, pattern, ...,
 * entityKey.
 */
final class CompatibilityCheck {

    private CompatibilityCheck() {
    }

    static List<FieldProblem> check(Compatibility mode, List<String> oldKey, JsonNode oldSchema, List<String> newKey,
            JsonNode newSchema) {
        Problems problems = new Problems();
        if (mode == Compatibility.NONE) {
            return problems.list();
        }
        if (!oldKey.equals(newKey)) {
            Set<String> fields = new LinkedHashSet<>(oldKey);
            fields.addAll(newKey);
            fields.forEach(field -> problems.add(Problems.child("", field), "entityKey", "the entity key changed "
                    + "from " + oldKey + " to " + newKey + ": it is the identity of every stored record"));
        }
        if (mode.checksBackward()) {
            SchemaNarrowing.backward(oldSchema, newSchema, problems);
        }
        if (mode.checksForward()) {
            SchemaNarrowing.forward(oldSchema, newSchema, problems);
        }
        return problems.list().stream().distinct().toList();
    }
}
