package io.fillonce.fieldrules;

import tools.jackson.databind.JsonNode;

/** What a rule does to its (present, non-null) source value after any code-table lookup. */
public sealed interface ValueTransform permits Mask, DateFormat, NumberFormat, Hash {

    /** The target value; throws {@link UnmappableRecord} naming {@code from} when this value does not fit. */
    JsonNode apply(JsonNode value, String from, FieldHasher hasher);

    /** The value's text when it is a single value (string, number, boolean). */
    static String text(JsonNode value, String from, String what) {
        return Pointers.scalarText(value).orElseThrow(() -> new UnmappableRecord("value at " + from
                + " is not a single value, so it cannot be " + what));
    }
}
