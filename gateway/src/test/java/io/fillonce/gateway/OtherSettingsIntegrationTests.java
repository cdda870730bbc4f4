package io.fillonce.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * A gateway of its own (the only test context besides the shared one) that trusts the local address as its proxy
 * and gives CADRE principals three requests an hour: HSTS behind https, 429 per principal.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestPropertySource(properties = {
        "fillonce.edge.trusted-proxies=127.0.0.1",
        "fillonce.limits.rate.CADRE.limit-for-period=3",
        "fillonce.limits.rate.CADRE.refresh-period=1h"})
class TrustedProxyAndRateIntegrationTests extends GatewayTestSupport {

    private static final String ADMIN_KEY = "proxy-admin";
    private static final List<String> CADRE_KEYS = List.of("proxy-cadre-1", "proxy-cadre-2");

    WebTestClient client;

    @BeforeAll
    void principals() {
        client = client();
        // published before the admin, so known once the admin is (awaiting them would spend their budget)
        publish(PrincipalEntries.cadre("c-one", CADRE_KEYS.get(0), "370602"));
        publish(PrincipalEntries.cadre("c-two", CADRE_KEYS.get(1), "370602"));
        publishAndAwait(PrincipalEntries.principal("admin:proxy", "ADMIN", ADMIN_KEY), ADMIN_KEY, "/api/registry/x");
    }

    @Test
    void httpsAtATrustedProxyBringsHsts() {
        JsonNode echo = JSON.readTree(admin().header("X-Forwarded-For", "203.0.113.7").header("X-Forwarded-Proto", "https")
                .exchange().expectStatus().isOk()
                .expectHeader().valueEquals("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
                .expectBody().returnResult().getResponseBodyContent());
        admin().header("X-Forwarded-Proto", "http").exchange().expectStatus().isOk()
                .expectHeader().doesNotExist("Strict-Transport-Security");

        assertThat(echo.path("headers").toString()).as("Spring Cloud Gateway removes forwarded headers on the way "
                + "to the service unless its own trusted-proxies is set").doesNotContain("203.0.113.7");
    }

    @Test
    void eachPrincipalGetsItsOwnBudgetThen429WithRetryAfter() {
        for (int i = 0; i < 3; i++) {
            cadre(CADRE_KEYS.get(0), "spoofed-" + i).exchange().expectStatus().isOk();
        }

        JsonNode problem = expectProblem(cadre(CADRE_KEYS.get(0), "another-spoof").exchange()
                .expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
                .expectHeader().valueMatches(HttpHeaders.RETRY_AFTER, "^[1-9][0-9]*$"));
        assertThat(problem.get("detail").asString()).contains("cadre:c-one");
        cadre(CADRE_KEYS.get(1), "x").exchange().expectStatus().isOk();
    }

    private WebTestClient.RequestHeadersSpec<?> admin() {
        return client.get().uri("/api/registry/departments").header(HttpHeaders.AUTHORIZATION, "Bearer " + ADMIN_KEY);
    }

    private WebTestClient.RequestHeadersSpec<?> cadre(String key, String spoof) {
        return client.get().uri("/api/records/resident/1").header(HttpHeaders.AUTHORIZATION, "Bearer " + key)
                .header("X-Forwarded-For", spoof).header("X-Fillonce-Principal", spoof);
    }
}
