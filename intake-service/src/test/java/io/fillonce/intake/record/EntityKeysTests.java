package io.fillonce.intake.record;

import java.util.List;

import io.fillonce.web.FieldProblem;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class EntityKeysTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void usesTheSingleKeyFieldsText() {
        JsonNode record = JSON.readTree("{\"idNumber\": \"370602199001011234\", \"name\": \"Li Mei\"}");

        assertThat(EntityKeys.violations(List.of("idNumber"), record)).isEmpty();
        assertThat(EntityKeys.of(List.of("idNumber"), record)).isEqualTo("370602199001011234");
    }

    @Test
    void joinsSeveralKeyFieldsInTheTypesOrder() {
        JsonNode record = JSON.readTree("{\"unit\": 12, \"region\": \"370602\", \"active\": true}");

        assertThat(EntityKeys.of(List.of("region", "unit", "active"), record)).isEqualTo("370602|12|true");
    }

    @Test
    void reportsMissingEmptyOrStructuredKeyFields() {
        JsonNode record = JSON.readTree("{\"a\": \"\", \"b\": {\"x\": 1}, \"c\": null, \"d\": [1]}");

        assertThat(EntityKeys.violations(List.of("a", "b", "c", "d", "e"), record))
                .extracting(FieldProblem::pointer)
                .containsExactly("/a", "/b", "/c", "/d", "/e");
        assertThat(EntityKeys.violations(List.of("e"), record)).singleElement()
                .satisfies(violation -> assertThat(violation.rule()).isEqualTo("entityKey"));
    }
}
