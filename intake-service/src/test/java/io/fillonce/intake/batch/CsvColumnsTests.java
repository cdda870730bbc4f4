package io.fillonce.intake.batch;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class CsvColumnsTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final JsonNode SCHEMA = JSON.readTree("""
            {"type": "object", "properties": {
              "name": {"type": "string"}, "age": {"type": "integer"}, "income": {"type": ["number", "null"]},
              "married": {"type": "boolean"}, "code": {"type": "string"},
              "address": {"type": "object", "properties": {"line": {"type": "string"}, "floor": {"type": "integer"}}}}}
            """);

    @Test
    void coercesCellsToTheSchemasTypesAndNestsDottedAndPointerHeaders() {
        CsvColumns columns = new CsvColumns(new String[] { "name", "age", "income", "married", "code", "address.line",
                "/address/floor" }, SCHEMA);

        JsonNode record = columns.record(new String[] { "Li Mei", "42", "1234.50", "TRUE", "007", "12 Haigang Rd",
                "3" });

        assertThat(record).isEqualTo(JSON.readTree("""
                {"name": "Li Mei", "age": 42, "income": 1234.5, "married": true, "code": "007",
                 "address": {"line": "12 Haigang Rd", "floor": 3}}"""));
    }

    @Test
    void leavesOutEmptyCellsAndKeepsUnparsableOnesAsStringsForTheSchemaToReport() {
        CsvColumns columns = new CsvColumns(new String[] { "name", "age", "married", "extra" }, SCHEMA);

        JsonNode record = columns.record(new String[] { "", "forty", "yes", "x" });

        assertThat(record).isEqualTo(JSON.readTree("{\"age\": \"forty\", \"married\": \"yes\", \"extra\": \"x\"}"));
    }

    @Test
    void refusesFractionsForIntegers() {
        JsonNode record = new CsvColumns(new String[] { "age", "income" }, SCHEMA).record(new String[] { "4.5", "1e" });

        assertThat(record.path("age").asString()).isEqualTo("4.5");
        assertThat(record.path("income").asString()).isEqualTo("1e");
    }
}
