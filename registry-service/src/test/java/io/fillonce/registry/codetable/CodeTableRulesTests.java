package io.fillonce.registry.codetable;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fillonce.web.FieldProblem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class CodeTableRulesTests {

    @Test
    void acceptsACrosswalk() {
        assertThat(CodeTableRules.check(new CodeTableRequest("gender-civil", Map.of("F", "2", "M", "1")), null))
                .isEmpty();
    }

    @Test
    void requiresANameAndNonBlankEntries() {
        Map<String, String> entries = new HashMap<>();
        entries.put(" ", "1");
        entries.put("M", null);
        assertThat(CodeTableRules.check(new CodeTableRequest("Gender", entries), null))
                .extracting(FieldProblem::pointer, FieldProblem::rule)
                .containsExactlyInAnyOrder(tuple("/name", "pattern"), tuple("/entries/ ", "propertyNames"),
                        tuple("/entries/M", "required"));
        assertThat(CodeTableRules.check(new CodeTableRequest(null, Map.of()), null))
                .extracting(FieldProblem::pointer, FieldProblem::rule)
                .containsExactly(tuple("/name", "required"), tuple("/entries", "minProperties"));
    }

    @Test
    void onlyAcceptsThePathNameOnANewVersion() {
        assertThat(CodeTableRules.check(new CodeTableRequest("other", Map.of("F", "2")), "gender-civil"))
                .extracting(FieldProblem::rule).containsExactly("const");
    }
}
