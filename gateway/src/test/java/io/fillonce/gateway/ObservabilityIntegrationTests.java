package io.fillonce.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.fillonce.telemetry.Scrape;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * What operators see of the front door: the gateway's own refusals counted by reason (on the management port's
 * {@code /actuator/prometheus}) and traced like any answer, one access log line per request in its trace, the age of
 * the principal view.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
class ObservabilityIntegrationTests extends GatewayTestSupport {

    private static final String ADMIN_KEY = "observability-admin-key";
    private static final String CADRE_KEY = "observability-cadre-key";
    private static final String APP = "gateway";
    private static final String REFUSED = "fillonce_gateway_refused_total";

    WebTestClient client;

    @BeforeAll
    void principals() {
        client = client();
        publishAndAwait(PrincipalEntries.principal("admin:observability", "ADMIN", ADMIN_KEY), ADMIN_KEY,
                "/api/registry/departments");
        publishAndAwait(PrincipalEntries.cadre("c-observability", CADRE_KEY, "370602"), CADRE_KEY,
                "/api/registry/departments");
    }

    @Test
    void countsTheGatewaysOwnRefusalsByReasonAndAnswersEachInATrace() throws Exception {
        Scrape before = scrape();

        traced(client.get().uri("/api/registry/departments").exchange().expectStatus().isUnauthorized());
        traced(client.post().uri("/api/registry/record-types").header(HttpHeaders.AUTHORIZATION, "Bearer " + CADRE_KEY)
                .bodyValue("{}").exchange().expectStatus().isForbidden());
        traced(client.get().uri("/api/registry/" + "a".repeat(5000)).exchange().expectStatus().isEqualTo(414));
        RawHttp.Response notUtf8 = raw("/api/registry/departments/%c0%ae");
        RawHttp.Response notAUri = raw("/api/registry/departments/%zz");

        assertThat(notUtf8.status()).isEqualTo(400);
        assertThat(notUtf8.header("traceparent")).matches("^00-[0-9a-f]{32}-[0-9a-f]{16}-01$");
        assertThat(notUtf8.header("traceparent")).contains(notUtf8.header("X-Correlation-Id"));
        assertThat(notAUri.status()).isEqualTo(400);
        Scrape after = scrape();
        assertThat(increase(before, after, "unauthenticated")).isEqualTo(1);
        assertThat(increase(before, after, "forbidden")).isEqualTo(1);
        assertThat(increase(before, after, "too-large")).isEqualTo(1);
        assertThat(increase(before, after, "invalid-target")).isEqualTo(2);
        assertThat(after.has(REFUSED, "application", APP, "reason", "rate-limited")).isTrue();
        assertThat(after.value(REFUSED, "application", APP)).isEqualTo(
                before.value(REFUSED, "application", APP) + 5);
    }

    @Test
    void logsEachRequestOnceInItsTraceWithoutTheKeyOrTheQuery(CapturedOutput output) {
        String trace = "5bf92f3577b34da6a3ce929d0e0e4737";

        client.get().uri("/api/registry/departments?page=secret-query")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + ADMIN_KEY)
                .header("traceparent", "00-" + trace + "-00f067aa0ba902b7-01")
                .exchange().expectStatus().isOk();

        await().atMost(Duration.ofSeconds(10)).until(() -> accessLines(output, trace).size() == 1);
        String line = accessLines(output, trace).get(0);
        assertThat(line).contains(" INFO ", "GET /api/registry/departments 200 ", " ms admin:observability")
                .doesNotContain(ADMIN_KEY, "secret-query");
    }

    @Test
    void reportsTheAgeOfThePrincipalViewAsZeroWhileItIsCaughtUp() {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Scrape scrape = scrape();
            assertThat(scrape.has("fillonce_registry_view_age_seconds", "application", APP)).isTrue();
            assertThat(scrape.value("fillonce_registry_view_age_seconds", "application", APP)).isZero();
        });
    }

    private static void traced(WebTestClient.ResponseSpec answer) {
        String traceparent = answer.returnResult(String.class).getResponseHeaders().getFirst("traceparent");
        assertThat(traceparent).matches("^00-[0-9a-f]{32}-[0-9a-f]{16}-01$");
        answer.expectHeader().valueEquals("X-Correlation-Id", traceparent.substring(3, 35));
    }

    private RawHttp.Response raw(String target) throws Exception {
        return RawHttp.send(port, new RawHttp.Request("GET", target,
                List.of(Map.entry(HttpHeaders.AUTHORIZATION, "Bearer " + ADMIN_KEY)), new byte[0], false));
    }

    private Scrape scrape() {
        byte[] body = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + managementPort).build()
                .get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody().returnResult().getResponseBodyContent();
        return Scrape.of(new String(body, StandardCharsets.UTF_8));
    }

    private static double increase(Scrape before, Scrape after, String reason) {
        return after.value(REFUSED, "application", APP, "reason", reason)
                - before.value(REFUSED, "application", APP, "reason", reason);
    }

    private static List<String> accessLines(CapturedOutput output, String trace) {
        return output.getOut().lines().filter(line -> line.contains("io.fillonce.gateway.access"))
                .filter(line -> line.contains(trace)).toList();
    }
}
