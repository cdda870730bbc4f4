package io.fillonce.fieldrules;

import java.util.Map;
import java.util.Optional;

/** A value crosswalk: canonical code to department code. */
public record CodeTable(String name, Map<String, String> entries) {

    public CodeTable {
        entries = Map.copyOf(entries);
    }

    Optional<String> lookup(String code) {
        return Optional.ofNullable(entries.get(code));
    }
}
