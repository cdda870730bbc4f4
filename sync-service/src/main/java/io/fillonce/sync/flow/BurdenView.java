package io.fillonce.sync.flow;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Forms departments did not have to fill again, and the fields in them, from {@code from} to {@code to} (ISO days,
 * UTC, inclusive), grouped as asked ({@code rows}; a dimension not grouped by is absent from them), and in all so far
 * ({@code allTime}).
 */
record BurdenView(String from, String to, long forms, long fields, BurdenLedger.Figures allTime, List<Row> rows) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Row(String day, String cadre, String department, String recordType, long forms, long fields) {

        static Row of(List<String> dimensions, List<String> key, long forms, long fields) {
            return new Row(value(dimensions, key, "day"), value(dimensions, key, "cadre"),
                    value(dimensions, key, "department"), value(dimensions, key, "recordType"), forms, fields);
        }

        private static String value(List<String> dimensions, List<String> key, String dimension) {
            int at = dimensions.indexOf(dimension);
            return at < 0 ? null : key.get(at);
        }

        String sortKey() {
            return String.join("|", day == null ? "" : day, cadre == null ? "" : cadre,
                    department == null ? "" : department, recordType == null ? "" : recordType);
        }
    }
}
