package io.fillonce.registryfeed;

import java.util.Arrays;
import java.util.Optional;

/**
 * The kinds of resource on the registry topic, as its keys and the entries' {@code kind} name them
 * (contracts/schemas/registry-entry.schema.json).
 */
public enum EntryKind {

    RECORD_TYPE("record-type"),
    CODE_TABLE("code-table"),
    DEPARTMENT("department"),
    SUBSCRIPTION("subscription"),
    PRINCIPAL("principal");

    private final String wireName;

    EntryKind(String wireName) {
        this.wireName = wireName;
    }

    /** The name on the wire: the key's prefix before {@code /} and the entry's {@code kind}. */
    public String wireName() {
        return wireName;
    }

    /** The kind named {@code wireName}, empty for a name this version does not know. */
    public static Optional<EntryKind> named(String wireName) {
        return Arrays.stream(values()).filter(kind -> kind.wireName.equals(wireName)).findFirst();
    }
}
