package io.fillonce.registry.codetable;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What one version of a code table changed, who changed it and when: codes {@code added} (canonical → department
 * code), {@code changed} (canonical → its department code before and after) and {@code removed}.
 */
record CodeTableChange(int version, String by, Instant at, Map<String, String> added, Map<String, Recode> changed,
        Map<String, String> removed) {

    /** A canonical code's department code before and after. */
    record Recode(String from, String to) {
    }

    static CodeTableChange between(Map<String, String> before, Map<String, String> after, int version, String by,
            Instant at) {
        Map<String, String> added = new LinkedHashMap<>();
        Map<String, Recode> changed = new LinkedHashMap<>();
        Map<String, String> removed = new LinkedHashMap<>();
        after.forEach((code, value) -> {
            if (!before.containsKey(code)) {
                added.put(code, value);
            }
            else if (!Objects.equals(before.get(code), value)) {
                changed.put(code, new Recode(before.get(code), value));
            }
        });
        before.forEach((code, value) -> {
            if (!after.containsKey(code)) {
                removed.put(code, value);
            }
        });
        return new CodeTableChange(version, by, at, added, changed, removed);
    }
}
