package io.fillonce.sync.backfill;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fillonce.fieldrules.CodeTable;

/**
 * A code table as a change would make it: what an IMPACT job maps with, next to the registered one. Kept on the job
 * as a list of entries (codes may hold characters MongoDB field names may not).
 */
public record ProposedCodeTable(String name, List<Entry> entries) {

    public ProposedCodeTable {
        entries = List.copyOf(entries);
    }

    /** One canonical code and the department code it would map to. */
    public record Entry(String code, String value) {
    }

    /** The entries in code order, so two proposals of the same table are equal however they were written. */
    public static ProposedCodeTable of(String name, Map<String, String> entries) {
        return new ProposedCodeTable(name, entries.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(entry -> new Entry(entry.getKey(), entry.getValue())).toList());
    }

    public CodeTable table() {
        Map<String, String> codes = new LinkedHashMap<>();
        entries.forEach(entry -> codes.put(entry.code(), entry.value()));
        return new CodeTable(name, codes);
    }
}
