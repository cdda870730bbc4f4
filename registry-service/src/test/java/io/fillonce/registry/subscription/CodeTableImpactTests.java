package io.fillonce.registry.subscription;

import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class CodeTableImpactTests {

    private static final JsonNode SCHEMA = JsonMapper.builder().build().readTree("""
            {"type": "object", "properties": {"gender": {"type": "string", "enum": ["F", "M"]},
                                              "region": {"type": "string"}}}
            """);
    private static final Map<String, String> BEFORE = Map.of("F", "2", "M", "1", "U", "0");

    @Test
    void aFieldWithAnEnumUsesItsValuesOtherwiseEveryCode() {
        assertThat(CodeTableImpact.usedCodes(SCHEMA, "/gender", BEFORE)).containsExactly("F", "M");
        assertThat(CodeTableImpact.usedCodes(SCHEMA, "/region", BEFORE)).containsExactlyInAnyOrder("F", "M", "U");
        assertThat(CodeTableImpact.usedCodes(null, "/gender", BEFORE)).containsExactlyInAnyOrder("F", "M", "U");
    }

    @Test
    void removingOrChangingAUsedCodeBreaksAddingDoesNot() {
        assertThat(CodeTableImpact.problem("M", BEFORE, Map.of("F", "2"))).contains("removed");
        assertThat(CodeTableImpact.problem("F", BEFORE, Map.of("F", "9", "M", "1"))).contains("'2' to '9'");
        assertThat(CodeTableImpact.problem("F", BEFORE, Map.of("F", "2", "M", "1", "X", "5"))).isNull();
        assertThat(CodeTableImpact.problem("X", BEFORE, Map.of())).as("a code the table never had").isNull();
    }
}
