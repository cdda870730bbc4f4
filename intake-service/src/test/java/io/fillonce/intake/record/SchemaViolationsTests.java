package io.fillonce.intake.record;

import java.util.List;

import io.fillonce.intake.Residents;
import org.junit.jupiter.api.Test;
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
                .containsExactly(new FieldViolation("/name", "required", "required property 'name' is missing"));
    }

    @Test
    void namesTheAllowedValuesOfAnEnum() {
        ObjectNode record = Residents.record("370602199001011234");
        record.put("gender", "X");

        assertThat(violations(record)).containsExactly(new FieldViolation("/gender", "enum", "must be one of [F, M]"));
    }

    @Test
    void listsEveryViolationWithItsRule() {
        ObjectNode record = Residents.record("37060219900101123");
        record.remove("regionCode");
        record.put("phone", 13800001234L);
        record.withObject("address").put("line", 12);

        assertThat(violations(record)).containsExactlyInAnyOrder(
                new FieldViolation("/idNumber", "pattern", "must match the pattern ^[0-9]{17}[0-9X]$"),
                new FieldViolation("/regionCode", "required", "required property 'regionCode' is missing"),
                new FieldViolation("/phone", "type", "must be of type string, but is integer"),
                new FieldViolation("/address/line", "type", "must be of type string, but is integer"));
    }

    @Test
    void describesOtherRulesWithTheValidatorsMessage() {
        ObjectNode record = Residents.record("370602199001011234");
        record.put("name", "");

        List<FieldViolation> violations = violations(record);

        assertThat(violations).singleElement().satisfies(violation -> {
            assertThat(violation.pointer()).isEqualTo("/name");
            assertThat(violation.rule()).isEqualTo("minLength");
            assertThat(violation.message()).contains("at least 1");
        });
    }

    private static List<FieldViolation> violations(ObjectNode record) {
        return SchemaViolations.of(Residents.type().schema().validate(record));
    }
}
