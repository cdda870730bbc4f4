package io.fillonce.registry.recordtype;

import java.util.List;

/**
 * A record type as a department sees it when it chooses what to ask for: what each field means and how sensitive
 * it is, never data. {@code owner}: who approves requests for it (null: the administrators).
 */
record CatalogueEntry(String name, String title, int version, String owner, List<String> entityKey,
        String regionField, List<Field> fields) {

    /**
     * One field, by the JSON Pointer a mapping reads it with ({@code /address/line} for a nested one);
     * {@code sensitivity}: its top-level field's level, null where the type does not classify it; {@code values}:
     * the values an enum allows.
     */
    record Field(String pointer, String title, String description, String type, String format, boolean required,
            String sensitivity, List<String> values) {
    }
}
