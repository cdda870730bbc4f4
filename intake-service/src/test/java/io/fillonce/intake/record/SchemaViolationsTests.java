package io.fillonce.intake.record;

import java.util.List;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import io.fillonce.intake.Residents;
import io.fillonce.intake.registry.RecordSchemas;
import io.fillonce.web.FieldProblem;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

class SchemaViolationsTests {

    @Test
    void acceptsTheContractExample() {
        assertThat(violations(Residents.record("370602199001011234"))).isEmpty();
    }

    @Test
    void pointsAtTheMissingPropertyForRequired() {
        ObjectNode record = Residents.record("370602199001011234");
        record.remove("name");

        assertThat(violations(record))
                .containsExactly(new FieldProblem("/name", "required", "required property 'name' is missing"));
    }

    @Test
    void namesTheAllowedValuesOfAnEnum() {
        ObjectNode record = Residents.record("370602199001011234");
        record.put("gender", "X");

        assertThat(violations(record)).containsExactly(new FieldProblem("/gender", "enum", "must be one of [F, M]"));
    }

    @Test
    void listsEveryViolationWithItsRule() {
        ObjectNode record = Residents.record("37060219900101123");
        record.remove("regionCode");
        record.put("phone", 13800001234L);
        record.withObject("address").put("line", 12);

        assertThat(violations(record)).containsExactlyInAnyOrder(
                new FieldProblem("/idNumber", "pattern", "must match the pattern ^[0-9]{17}[0-9X]$"),
                new FieldProblem("/regionCode", "required", "required property 'regionCode' is missing"),
                new FieldProblem("/phone", "type", "must be of type string, but is integer"),
                new FieldProblem("/address/line", "type", "must be of type string, but is integer"));
    }

    @Test
    void describesOtherRulesWithTheValidatorsMessage() {
        ObjectNode record = Residents.record("370602199001011234");
        record.put("name", "");

        List<FieldProblem> violations = violations(record);

        assertThat(violations).singleElement().satisfies(violation -> {
            assertThat(violation.pointer()).isEqualTo("/name");
            assertThat(violation.rule()).isEqualTo("minLength");
            assertThat(violation.message()).contains("at least 1");
        });
    }

    @Test
    void assertsADeclaredFormatWithoutRepeatingTheValue() {
        Schema schema = RecordSchemas.compile(JsonMapper.builder().build().readTree("""
                {"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object",
                 "properties": {"birthDate": {"type": "string", "format": "date"},
                                "email": {"type": "string", "format": "email"}}}"""));

        List<FieldProblem> violations = SchemaViolations.of(schema.validate(
                "{\"birthDate\": \"CANARY-7f3a\", \"email\": \"CANARY-mail\"}", InputFormat.JSON));

        assertThat(violations).containsExactlyInAnyOrder(
                new FieldProblem("/birthDate", "format", "must be a valid date"),
                new FieldProblem("/email", "format", "must be a valid email"));
        assertThat(SchemaViolations.of(schema.validate("{\"birthDate\": \"1990-01-01\", \"email\": \"li@example.cn\"}",
                InputFormat.JSON))).isEmpty();
    }

    private static List<FieldProblem> violations(ObjectNode record) {
        return SchemaViolations.of(Residents.type().schema().validate(record));
    }
}
