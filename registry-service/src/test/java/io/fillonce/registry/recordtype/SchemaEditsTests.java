package io.fillonce.registry.recordtype;

import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.fillonce.web.FieldProblem;
import io.fillonce.web.InvalidInput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class SchemaEditsTests {

    @Test
    void removesAPropertyAndItsRequiredEntry() {
        SchemaEdits edits = new SchemaEdits(CompatibilityCheckTests.base(), List.of("id")).remove("/name", "remove");
        JsonNode schema = edits.schema();
        assertThat(schema.at("/properties/name").isMissingNode()).isTrue();
        assertThat(schema.get("required").toString()).isEqualTo("[\"id\"]");
        assertThat(CompatibilityCheck.check(Compatibility.FORWARD, List.of("id"), CompatibilityCheckTests.base(),
                edits.entityKey(), schema)).extracting(FieldProblem::pointer).containsExactly("/name");
    }

    @Test
    void renamesIntoAnotherObjectKeepingRequiredAndTheEntityKey() {
        SchemaEdits edits = new SchemaEdits(CompatibilityCheckTests.base(), List.of("id"))
                .rename("/id:/address/code", "rename");
        JsonNode schema = edits.schema();
        assertThat(schema.at("/properties/address/properties/code/type").stringValue()).isEqualTo("string");
        assertThat(schema.at("/properties/address/required").toString()).contains("\"code\"");
        assertThat(edits.entityKey()).containsExactly("code");
    }

    @Test
    void namesTheParameterOfAnImpossibleEdit() {
        SchemaEdits edits = new SchemaEdits(CompatibilityCheckTests.base(), List.of("id"))
                .remove("/address/street", "remove").rename("/name:/id", "rename").rename("name", "rename");
        InvalidInput invalid = catchThrowableOfType(InvalidInput.class, edits::schema);
        assertThat(invalid.problems()).extracting(FieldProblem::pointer, FieldProblem::rule).containsExactly(
                org.assertj.core.api.Assertions.tuple("remove", "declared"),
                org.assertj.core.api.Assertions.tuple("rename", "exists"),
                org.assertj.core.api.Assertions.tuple("rename", "pattern"));
    }
}
