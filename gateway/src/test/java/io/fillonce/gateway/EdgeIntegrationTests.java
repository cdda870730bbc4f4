package io.fillonce.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.fillonce.contracts.Contracts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/** Management port, security headers, forwarded headers, CORS and trace context at the front door. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EdgeIntegrationTests extends GatewayTestSupport {

    private static final String KEY = "edge-admin-key";
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    WebTestClient client;
    WebTestClient management;

    @BeforeAll
    void admin() {
        client = client();
        management = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + managementPort).build();
        publishAndAwait(PrincipalEntries.principal("admin:edge", "ADMIN", KEY), KEY, "/api/registry/departments");
    }

    @Test
    void actuatorOnlyOnTheManagementPortAndOnlyHealthAndPrometheus() {
        management.get().uri("/actuator/health").exchange().expectStatus().isOk();
        management.get().uri("/actuator/prometheus").exchange().expectStatus().isOk();
        for (String hidden : List.of("/actuator/gateway/routes", "/actuator/gateway/globalfilters", "/actuator/info",
                "/actuator/env", "/actuator/beans")) {
            management.get().uri(hidden).exchange().expectStatus().isNotFound();
            client.get().uri(hidden).exchange().expectStatus().isNotFound();
        }
        management.post().uri("/actuator/gateway/routes/evil").bodyValue("{\"uri\":\"http://evil\"}")
                .exchange().expectStatus().value(status -> assertThat(status).isIn(404, 405));
        client.post().uri("/actuator/gateway/routes/evil").bodyValue("{\"uri\":\"http://evil\"}")
                .exchange().expectStatus().value(status -> assertThat(status).isIn(404, 405));
        client.get().uri("/actuator/health").exchange().expectStatus().isNotFound();
        client.get().uri("/livez").exchange().expectStatus().isOk();
        client.get().uri("/readyz").exchange().expectStatus().isOk();
    }

    @Test
    void securityHeadersOnTheGatewaysOwnAnswersAndOnForwardedOnes() {
        for (WebTestClient.ResponseSpec api : List.of(
                client.get().uri("/api/registry/departments").exchange().expectStatus().isUnauthorized(),
                get("/api/registry/departments").exchange().expectStatus().isOk())) {
            api.expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                    .expectHeader().valueEquals("Referrer-Policy", "no-referrer")
                    .expectHeader().valueEquals("X-Frame-Options", "DENY")
                    .expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "no-store")
                    .expectHeader().valueMatches("Content-Security-Policy", "^default-src 'none'.*")
                    .expectHeader().doesNotExist("Strict-Transport-Security");
        }
        client.get().uri("/livez").exchange().expectHeader().valueEquals("X-Content-Type-Options", "nosniff");
    }

    @Test
    void pagesRunOnlyTheirOwnScripts() {
        String dashboard = client.get().uri("/ops/index.html").exchange().expectStatus().isOk()
                .expectHeader().valueEquals("X-Frame-Options", "DENY")
                .returnResult(String.class).getResponseHeaders().getFirst("Content-Security-Policy");
        assertThat(dashboard).startsWith("default-src 'self';").contains("frame-ancestors 'none'")
                .doesNotContain("unsafe-inline", "unsafe-eval", "script-src");
        String workspace = client.get().uri("/fill/index.html").exchange().expectStatus().isOk()
                .returnResult(String.class).getResponseHeaders().getFirst("Content-Security-Policy");
        assertThat(workspace).isEqualTo(dashboard);
        String docs = client.get().uri("/swagger-ui/index.html").exchange().expectStatus().isOk()
                .returnResult(String.class).getResponseHeaders().getFirst("Content-Security-Policy");
        assertThat(docs).startsWith("default-src 'self';").contains("style-src 'self' 'unsafe-inline'")
                .doesNotContain("unsafe-eval", "script-src");
    }

    @Test
    void forwardedHeadersFromAnUntrustedPeerNeverReachTheService() {
        JsonNode echo = JSON.readTree(get("/api/registry/departments")
                .header("X-Forwarded-For", "6.6.6.6").header("X-Forwarded-Proto", "https")
                .header("X-Forwarded-Host", "evil.example").header("Forwarded", "for=6.6.6.6;proto=https")
                .exchange().expectStatus().isOk()
                .expectHeader().doesNotExist("Strict-Transport-Security")
                .expectBody().returnResult().getResponseBodyContent());

        assertThat(echo.path("headers").toString()).doesNotContain("6.6.6.6", "evil.example");
    }

    @Test
    void aValidTraceparentIsContinuedAndReturned() {
        String sent = "00-" + TRACE_ID + "-00f067aa0ba902b7-01";
        var result = get("/api/registry/departments").header("traceparent", sent).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Correlation-Id", TRACE_ID)
                .expectHeader().valueMatches("traceparent", "^00-" + TRACE_ID + "-[0-9a-f]{16}-01$")
                .expectBody().returnResult();
        JsonNode upstream = JSON.readTree(result.getResponseBodyContent()).path("headers");

        String forwarded = upstream.path("traceparent").get(0).asString();
        String answered = result.getResponseHeaders().getFirst("traceparent");
        assertThat(forwarded).as("the gateway's client span, a child of its server span").matches(
                "^00-" + TRACE_ID + "-[0-9a-f]{16}-01$").isNotEqualTo(sent).isNotEqualTo(answered);
        assertThat(upstream.path("traceparent")).hasSize(1);
        assertThat(upstream.path("x-correlation-id").get(0).asString()).isEqualTo(TRACE_ID);
    }

    @Test
    void anInvalidOrMissingTraceparentStartsANewTrace() {
        for (String invalid : List.of("00-" + "0".repeat(32) + "-00f067aa0ba902b7-01", "garbage", "ff-" + TRACE_ID
                + "-00f067aa0ba902b7-01")) {
            String correlation = client.get().uri("/api/registry/departments").header("traceparent", invalid)
                    .exchange().expectStatus().isUnauthorized()
                    .expectHeader().valueMatches("traceparent", "^00-[0-9a-f]{32}-[0-9a-f]{16}-01$")
                    .returnResult(String.class).getResponseHeaders().getFirst("X-Correlation-Id");
            assertThat(correlation).matches("[0-9a-f]{32}").isNotEqualTo(TRACE_ID).isNotEqualTo("0".repeat(32));
        }
    }

    @Test
    void corsOnlyForTheConfiguredOrigin() {
        client.options().uri("/api/records/resident").header(HttpHeaders.ORIGIN, ALLOWED_ORIGIN)
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "authorization, content-type")
                .exchange().expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, ALLOWED_ORIGIN);
        expectProblem(client.method(HttpMethod.OPTIONS).uri("/api/records/resident")
                .header(HttpHeaders.ORIGIN, "https://evil.example")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .exchange().expectStatus().isEqualTo(HttpStatus.FORBIDDEN)
                .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN));
        get("/api/registry/departments").header(HttpHeaders.ORIGIN, "https://evil.example").exchange()
                .expectStatus().isForbidden();
    }

    @Test
    void targetsTheServicesContainerWouldRefuseGetTheGatewaysProblemAndAreNotForwarded() throws Exception {
        int seen = EchoUpstream.requests().size();
        for (String target : List.of("/api/registry/departments/%00", "/api/registry/departments/a%0D%0Ab",
                "/api/records/resident/..%00", "/api/registry/cadres/%c0%ae%c0%ae",
                "/api/feeds/civil-affairs?after=%ff&limit=10")) {
            RawHttp.Response response = RawHttp.send(port, new RawHttp.Request("GET", target,
                    List.of(Map.entry(HttpHeaders.AUTHORIZATION, "Bearer " + KEY)), new byte[0], false));

            assertThat(response.status()).as(target).isEqualTo(400);
            assertThat(response.header("Content-Type")).as(target).startsWith("application/problem+json");
            assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
            JsonNode problem = JSON.readTree(response.body());
            assertThat(Contracts.violations(Contracts.PROBLEM, problem)).isEmpty();
            assertThat(problem.path("type").asString()).endsWith("/bad-request");
            assertThat(problem.path("detail").asString()).as(target).containsAnyOf("control characters",
                    "percent-encoded UTF-8");
        }
        assertThat(EchoUpstream.requests()).as("nothing forwarded").hasSize(seen);
    }

    private WebTestClient.RequestHeadersSpec<?> get(String path) {
        return client.get().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + KEY);
    }
}
