package io.fillonce.registry.codetable;

import java.util.List;
import java.util.Map;

/** Who reads a code table: the subscriptions. Implemented where subscriptions live. */
public interface CodeTableUsers {

    /**
     * Each (subscription field, code) that replacing the table's entries {@code before} by {@code after} would
     * break: a code the subscription uses removed or mapped to another department code.
     */
    List<CodeBreak> breaks(String table, Map<String, String> before, Map<String, String> after);

    /** Every subscription that maps a field through the table, and those fields (department field names). */
    List<Reader> readers(String table);

    /** A subscription reading the table: which department, which record type, which of its fields. */
    record Reader(String subscription, String department, String recordType, List<String> targets) {
    }

    /** {@code code} is the canonical code; {@code target} the subscription's department field. */
    record CodeBreak(String subscription, String department, String target, String code, String message) {
    }
}
