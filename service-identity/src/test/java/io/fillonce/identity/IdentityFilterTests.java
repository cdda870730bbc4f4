package io.fillonce.identity;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static io.fillonce.identity.IdentityTokens.claims;
import static io.fillonce.identity.IdentityTokens.sign;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Only the gateway's signed identity gets a request to a controller, and only its claims name the caller: the
 * controller's {@link VerifiedCaller} parameter, whatever {@code X-Fillonce-*} headers a client sent.
 */
@WebMvcTest(controllers = IdentityFilterTests.Echo.class)
@Import({IdentityFilterTests.Echo.class, IdentityFilterTests.Refusals.class})
class IdentityFilterTests {

    /** Under a rule of the shared role table: GET by DEPARTMENT, for its own department only. */
    private static final String ECHO = "/api/feeds/veterans/identity-echo";
    /** Under a rule of the shared role table for DEPARTMENT (its own department only) and ADMIN (any). */
    private static final String KIT_ECHO = "/api/kit/veterans/identity-echo";
    private static final String SECRET = IdentityTestApplication.SECRET;

    @Autowired
    private MockMvc mvc;

    @Autowired
    private Echo echo;

    @Autowired
    private Refusals refusals;

    @Test
    void refusesARequestWithoutAToken() throws Exception {
        refused(new HttpHeaders(), "no X-Fillonce-Identity");
    }

    @Test
    void refusesPlainIdentityHeadersWithoutAToken() throws Exception {
        HttpHeaders plain = new HttpHeaders();
        plain.set("X-Fillonce-Principal", "admin:bootstrap");
        plain.set("X-Fillonce-Role", "ADMIN");
        refused(plain, "no X-Fillonce-Identity");
    }

    @Test
    void refusesAForgedSignature() throws Exception {
        String forged = sign(claims("admin:x", "ADMIN", null, null).build(), "not-the-gateway-secret-0123456789abcdef");
        refused(token(forged), "signature");
    }

    @Test
    void refusesAnExpiredToken() throws Exception {
        Instant past = Instant.now().minus(Duration.ofMinutes(5));
        JWTClaimsSet expired = claims("ops:o-1", "OPS", null, null).issueTime(Date.from(past))
                .expirationTime(Date.from(past.plusSeconds(60))).build();
        refused(token(sign(expired, SECRET)), "expired");
    }

    @Test
    void refusesAnotherIssuer() throws Exception {
        JWTClaimsSet other = claims("ops:o-1", "OPS", null, null).issuer("someone-else").build();
        refused(token(sign(other, SECRET)), "issuer");
    }

    @Test
    void refusesAnotherAlgorithmAndGarbage() throws Exception {
        SignedJWT hs512 = new SignedJWT(new JWSHeader(JWSAlgorithm.HS512), claims("ops:o-1", "OPS", null, null).build());
        hs512.sign(new MACSigner((SECRET + SECRET).getBytes()));
        refused(token(hs512.serialize()), "HS256");
        refused(token("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0."), "not a signed JWT");
        refused(token("not a token at all"), "not a signed JWT");
    }

    /** A token the gateway minted for intake is no key to sync: each names the one service it is for. */
    @Test
    void refusesATokenMintedForAnotherService() throws Exception {
        refused(token(sign(claims("ops:o-1", "OPS", null, null).audience("intake-service").build(), SECRET)),
                "not minted for identity-test");
        refused(token(sign(claims("ops:o-1", "OPS", null, null).audience((String) null).build(), SECRET)),
                "not minted for identity-test");
    }

    @Test
    void refusesATokenWithoutARole() throws Exception {
        refused(token(sign(claims("ops:o-1", null, null, null).build(), SECRET)), "no role");
    }

    @Test
    void takesTheCallerFromTheTokenOnly() throws Exception {
        String veterans = IdentityTokens.token("department:veterans", "DEPARTMENT", "veterans", null, SECRET);
        HttpHeaders headers = token(veterans);
        headers.set("X-Fillonce-Principal", "admin:bootstrap");
        headers.set("X-Fillonce-Role", "ADMIN");
        headers.set("X-Fillonce-Department", "civil-affairs");
        headers.set("X-Fillonce-Region", "370602");

        mvc.perform(get(ECHO).headers(headers))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.principal").value("department:veterans"))
                .andExpect(jsonPath("$.role").value("DEPARTMENT"))
                .andExpect(jsonPath("$.department").value("veterans"))
                .andExpect(jsonPath("$.region").value("none"));
    }

    @Test
    void leavesTheOpenPathsOpen() throws Exception {
        int status = mvc.perform(get("/v3/api-docs")).andReturn().getResponse().getStatus();
        assertThat(status).isNotEqualTo(401);
    }

    @Test
    void refusesToRunWithoutAStrongSecret() {
        assertThatIllegalArgumentException().isThrownBy(() -> new IdentitySettings(null, "intake-service"))
                .withMessageContaining("FILLONCE_IDENTITY_SECRET");
        assertThatIllegalArgumentException().isThrownBy(() -> new IdentitySettings("too-short-for-hs256", "x"))
                .withMessageContaining("at least 32 bytes");
        assertThatIllegalArgumentException().isThrownBy(() -> new IdentitySettings(SECRET, " "))
                .withMessageContaining("fillonce.identity.audience");
    }

    /** The services enforce the gateway's role table again: defence in depth behind the front door. */
    @Test
    void refusesARoleOrADepartmentTheSharedRoleTableDoesNotAllow() throws Exception {
        forbidden(token(IdentityTokens.token("cadre:c-1", "CADRE", null, "370602", SECRET)), "role CADRE may not");
        forbidden(token(IdentityTokens.token("department:health", "DEPARTMENT", "health", null, SECRET)),
                "its own department");
        int calls = echo.calls.get();
        mvc.perform(get("/api/nowhere").headers(token(IdentityTokens.token("admin:a", "ADMIN", null, null, SECRET))))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.detail").value(containsString("no rule of the role table")));
        assertThat(echo.calls.get()).isEqualTo(calls);
        assertThat(refusals.told).as("each refusal, before its answer, for the service's audit").endsWith(
                "cadre:c-1 GET " + ECHO, "department:health GET " + ECHO, "admin:a GET /api/nowhere");
    }

    /** A department-scoped rule binds DEPARTMENT callers to their own department; an ADMIN it lists is bound to none. */
    @Test
    void aDepartmentScopedRuleLetsItsAdminsThroughForAnyDepartment() throws Exception {
        mvc.perform(get(KIT_ECHO).headers(token(IdentityTokens.token("admin:a", "ADMIN", null, null, SECRET))))
                .andExpect(status().isOk());
        mvc.perform(get(KIT_ECHO).headers(token(IdentityTokens.token("department:veterans", "DEPARTMENT", "veterans",
                null, SECRET)))).andExpect(status().isOk());
        mvc.perform(get(KIT_ECHO).headers(token(IdentityTokens.token("department:health", "DEPARTMENT", "health",
                null, SECRET)))).andExpect(status().isForbidden())
                .andExpect(jsonPath("$.detail").value(containsString("its own department")));
        mvc.perform(get(ECHO).headers(token(IdentityTokens.token("admin:a", "ADMIN", null, null, SECRET))))
                .andExpect(status().isForbidden()); // the feed's rule does not list ADMIN at all
    }

    @Test
    void aRefusalThatCannotBeAuditedIsNotAnswered() throws Exception {
        refusals.failing = true;
        try {
            mvc.perform(get(ECHO).headers(token(IdentityTokens.token("cadre:c-1", "CADRE", null, "370602", SECRET))))
                    .andExpect(status().isServiceUnavailable());
        }
        finally {
            refusals.failing = false;
        }
    }

    private void forbidden(HttpHeaders headers, String reason) throws Exception {
        int calls = echo.calls.get();
        mvc.perform(get(ECHO).headers(headers))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(containsString(reason)));
        assertThat(echo.calls.get()).as("the controller must not run").isEqualTo(calls);
    }

    private void refused(HttpHeaders headers, String reason) throws Exception {
        int calls = echo.calls.get();
        int told = refusals.told.size();
        ResultActions answer = mvc.perform(get(ECHO).headers(headers));
        answer.andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(containsString(reason)));
        assertThat(echo.calls.get()).as("the controller must not run").isEqualTo(calls);
        assertThat(refusals.told).as("no verified caller: nobody to audit").hasSize(told);
    }

    private static HttpHeaders token(String token) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(IdentityTokens.HEADER, token);
        return headers;
    }

    /** Notes what the role table refused; throws, as an unavailable audit would, while {@code failing}. */
    static class Refusals implements RefusedRequests {

        private final List<String> told = new CopyOnWriteArrayList<>();
        private volatile boolean failing;

        @Override
        public void refused(String principal, String method, String path) {
            if (failing) {
                throw new IllegalStateException("the audit is unavailable");
            }
            told.add(principal + " " + method + " " + path);
        }
    }

    /** Shows which caller a controller is given. */
    @RestController
    static class Echo {

        private final AtomicInteger calls = new AtomicInteger();

        @GetMapping({ECHO, KIT_ECHO})
        Map<String, String> echo(VerifiedCaller caller) {
            calls.incrementAndGet();
            return Map.of("principal", caller.principal(), "role", caller.role(),
                    "department", Objects.requireNonNullElse(caller.department(), "none"),
                    "region", Objects.requireNonNullElse(caller.region(), "none"));
        }
    }
}
