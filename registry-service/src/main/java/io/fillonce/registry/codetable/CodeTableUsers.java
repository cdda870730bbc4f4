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

    /** {@code code} is the canonical code; {@code target} the subscription's department field. */
    record CodeBreak(String subscription, String department, String target, String code, String message) {
    }
}
