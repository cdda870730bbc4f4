package io.fillonce.fieldrules;

import java.util.List;
import java.util.Optional;

import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.StringNode;

/** Where a rule's value comes from: one source pointer, several joined ({@code concat}), or a literal. */
public sealed interface Source {

    /** The value, or empty when it is missing or null. */
    Optional<JsonNode> read(JsonNode data);

    /** The source for messages, e.g. {@code /name}. */
    String describe();

    record Field(JsonPointer from) implements Source {
        @Override
        public Optional<JsonNode> read(JsonNode data) {
            return Pointers.valueAt(data, from);
        }

        @Override
        public String describe() {
            return from.toString();
        }
    }

    /** The present values' text joined with {@code separator}; empty when every source is missing or null. */
    record Concat(List<JsonPointer> sources, String separator) implements Source {
        @Override
        public Optional<JsonNode> read(JsonNode data) {
            List<String> parts = sources.stream().flatMap(source -> Pointers.valueAt(data, source)
                    .map(value -> ValueTransform.text(value, source.toString(), "concatenated")).stream()).toList();
            return parts.isEmpty() ? Optional.empty() : Optional.of(StringNode.valueOf(String.join(separator, parts)));
        }

        @Override
        public String describe() {
            return sources.toString();
        }
    }

    record Constant(JsonNode value) implements Source {
        @Override
        public Optional<JsonNode> read(JsonNode data) {
            return Optional.of(value);
        }

        @Override
        public String describe() {
            return "constant " + value;
        }
    }
}
