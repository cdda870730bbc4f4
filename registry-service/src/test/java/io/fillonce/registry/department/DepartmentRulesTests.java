package io.fillonce.registry.department;

import org.junit.jupiter.api.Test;

import io.fillonce.web.FieldProblem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class DepartmentRulesTests {

    @Test
    void acceptsAnHttpsWebhookOrNone() {
        assertThat(DepartmentRules.check(new DepartmentRequest("civil-affairs", "Civil Affairs", null), null, false))
                .isEmpty();
        assertThat(DepartmentRules.check(withUrl("https://dept.example/hooks"), null, false)).isEmpty();
    }

    @Test
    void requiresAWellFormedCodeAndAName() {
        assertThat(DepartmentRules.check(new DepartmentRequest("Civil_Affairs", " ", null), null, false))
                .extracting(FieldProblem::pointer, FieldProblem::rule)
                .containsExactly(tuple("/code", "pattern"), tuple("/name", "required"));
        assertThat(DepartmentRules.check(new DepartmentRequest(null, "x", null), null, false))
                .extracting(FieldProblem::rule).containsExactly("required");
    }

    @Test
    void onlyAcceptsThePathCodeOnAChange() {
        assertThat(DepartmentRules.check(new DepartmentRequest(null, "Civil", null), "civil", false)).isEmpty();
        assertThat(DepartmentRules.check(new DepartmentRequest("health", "Civil", null), "civil", false))
                .extracting(FieldProblem::pointer, FieldProblem::rule).containsExactly(tuple("/code", "const"));
    }

    @Test
    void acceptsHttpOnlyWhereAllowed() {
        assertThat(DepartmentRules.check(withUrl("http://127.0.0.1:9000/hooks"), null, false))
                .extracting(FieldProblem::pointer, FieldProblem::rule).containsExactly(tuple("/webhook/url", "scheme"));
        assertThat(DepartmentRules.check(withUrl("http://127.0.0.1:9000/hooks"), null, true)).isEmpty();
    }

    @Test
    void refusesRelativeUrlsOtherSchemesAndUserInfo() {
        assertThat(DepartmentRules.check(withUrl("/hooks"), null, true)).extracting(FieldProblem::rule)
                .containsExactly("format");
        assertThat(DepartmentRules.check(withUrl("ftp://dept.example/x"), null, true)).extracting(FieldProblem::rule)
                .containsExactly("scheme");
        assertThat(DepartmentRules.check(withUrl("https://user:pw@dept.example/x"), null, false))
                .extracting(FieldProblem::rule).containsExactly("userinfo");
        assertThat(DepartmentRules.check(withUrl(null), null, false)).extracting(FieldProblem::rule)
                .containsExactly("format");
    }

    @Test
    void issuesStandardWebhooksSecrets() {
        String secret = WebhookSecrets.generate();
        assertThat(secret).matches("^whsec_[A-Za-z0-9+/=]{44}$");
        assertThat(java.util.Base64.getDecoder().decode(secret.substring(6))).hasSize(32);
        assertThat(WebhookSecrets.generate()).isNotEqualTo(secret);
    }

    private static DepartmentRequest withUrl(String url) {
        return new DepartmentRequest("civil-affairs", "Civil Affairs", new WebhookTarget(url));
    }
}
