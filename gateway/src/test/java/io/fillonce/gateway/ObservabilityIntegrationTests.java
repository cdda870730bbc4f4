package io.fillonce.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

/** What operators see of the front door: one access log line per request, in its trace. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
class ObservabilityIntegrationTests extends GatewayTestSupport {

    private static final String ADMIN_KEY = "observability-admin-key";

    WebTestClient client;

    @BeforeAll
    void principals() {
        client = client();
        publishAndAwait(PrincipalEntries.principal("admin:observability", "ADMIN", ADMIN_KEY), ADMIN_KEY,
                "/api/registry/departments");
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

    private static List<String> accessLines(CapturedOutput output, String trace) {
        return output.getOut().lines().filter(line -> line.contains("io.fillonce.gateway.access"))
                .filter(line -> line.contains(trace)).toList();
    }
}
