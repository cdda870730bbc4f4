package io.fillonce.registry.department;

import org.junit.jupiter.api.Test;

import io.fillonce.registry.system.FieldProblem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class DepartmentRulesTests {

    @Test
    void acceptsADepartmentWithOrWithoutAWebhook() {
        assertThat(DepartmentRules.check(new DepartmentRequest("civil-affairs", "Civil Affairs Bureau", null)))
                .isEmpty();
        assertThat(DepartmentRules.check(new DepartmentRequest("health", "Health Commission",
                new Webhook("https://dept.example/hooks/fillonce")))).isEmpty();
    }

    @Test
    void requiresATopicSafeCodeAndAName() {
        assertThat(DepartmentRules.check(new DepartmentRequest("Civil Affairs", "", null)))
                .extracting(FieldProblem::pointer, FieldProblem::rule)
                .containsExactly(tuple("/code", "pattern"), tuple("/name", "required"));
        assertThat(DepartmentRules.check(new DepartmentRequest(null, "x", null)))
                .extracting(FieldProblem::pointer, FieldProblem::rule).containsExactly(tuple("/code", "required"));
    }

    @Test
    void requiresAnAbsoluteHttpWebhookUrl() {
        for (String url : new String[] {null, "/hooks", "ftp://dept.example/x", "https://", "http://bad host/"}) {
            assertThat(DepartmentRules.check(new DepartmentRequest("health", "Health", new Webhook(url))))
                    .as(url).extracting(FieldProblem::pointer, FieldProblem::rule)
                    .containsExactly(tuple("/webhook/url", "format"));
        }
    }
}
