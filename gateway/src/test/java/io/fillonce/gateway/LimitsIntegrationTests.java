package io.fillonce.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.gateway.config.GatewayProperties;
import org.springframework.cloud.gateway.route.RouteDefinition;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;

/** Body, header and target limits at the gateway, and no second attempt at a request a service dropped. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LimitsIntegrationTests extends GatewayTestSupport {

    private static final String KEY = "limits-cadre-key";
    private static final int MIB = 1024 * 1024;

    @Autowired
    CircuitBreakerRegistry circuitBreakers;

    @Autowired
    GatewayProperties gateway;

    WebTestClient client;

    @BeforeAll
    void cadre() {
        client = client();
        publishAndAwait(PrincipalEntries.cadre("c-limits", KEY, "370602"), KEY, "/api/records/resident/1");
    }

    @Test
    void aDeclaredBodyOverTwoMebibytesIs413() {
        JsonNode problem = expectProblem(post("/api/records/resident").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(bytes(2 * MIB + 1)).exchange().expectStatus().isEqualTo(HttpStatus.CONTENT_TOO_LARGE));

        assertThat(problem.get("detail").asString()).contains("2097152");
        post("/api/records/resident").contentType(MediaType.APPLICATION_JSON).bodyValue(bytes(2 * MIB))
                .exchange().expectStatus().isOk();
    }

    @Test
    void aChunkedBodyIsCountedAsItStreams() {
        long failuresBefore = circuitBreakers.circuitBreaker("intake").getMetrics().getNumberOfFailedCalls();

        JsonNode problem = expectProblem(post("/api/records/resident/chunked")
                .contentType(MediaType.APPLICATION_JSON).body(chunks(3 * MIB), DataBuffer.class)
                .exchange().expectStatus().isEqualTo(HttpStatus.CONTENT_TOO_LARGE));

        assertThat(problem.get("type").asString()).endsWith("/payload-too-large");
        assertThat(circuitBreakers.circuitBreaker("intake").getMetrics().getNumberOfFailedCalls())
                .as("a client's oversized body does not count against the service").isEqualTo(failuresBefore);
    }

    @Test
    void batchUploadsMayBeLarger() {
        post("/api/records/resident/batch").contentType(MediaType.APPLICATION_NDJSON)
                .body(chunks(3 * MIB), DataBuffer.class)
                .exchange().expectStatus().isOk().expectHeader().valueEquals("X-Echo", "1");
    }

    @Test
    void batchUploadsHaveTheirOwnRouteTimeoutAndBreaker() {
        RouteDefinition batch = gateway.getRoutes().stream().filter(route -> route.getId().equals("records-batch"))
                .findFirst().orElseThrow();

        assertThat(batch.getMetadata().get("response-timeout").toString()).isEqualTo("120000");
        assertThat(batch.getFilters().get(0).getArgs()).containsEntry("name", "intake-batch");
        assertThat(gateway.getRoutes().indexOf(batch)).as("matched before the general records route")
                .isLessThan(gateway.getRoutes().stream().map(RouteDefinition::getId).toList().indexOf("records"));
    }

    @Test
    void oversizedHeadersAre431Problems() {
        expectProblem(client.get().uri("/api/records/resident/1").header(HttpHeaders.AUTHORIZATION, "Bearer " + KEY)
                .header("X-Padding", "p".repeat(20_000))
                .exchange().expectStatus().isEqualTo(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE));
        client.get().uri("/api/records/resident/1").header("X-Padding", "p".repeat(70_000))
                .exchange().expectStatus().isEqualTo(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE);
    }

    @Test
    void aVeryLongTargetIs414Problem() {
        expectProblem(client.get().uri("/api/records/resident/" + "a".repeat(5000))
                .exchange().expectStatus().isEqualTo(HttpStatus.URI_TOO_LONG));
    }

    @Test
    void aDroppedPostIsNeverSentTwice() {
        JsonNode problem = expectProblem(post("/api/records/resident/drop").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"idNumber\":\"once\"}").exchange().expectStatus().isEqualTo(HttpStatus.BAD_GATEWAY));

        assertThat(problem.get("type").asString()).endsWith("/bad-gateway");
        assertThat(EchoUpstream.requests()).filteredOn(uri -> uri.equals("/api/records/resident/drop")).hasSize(1);
    }

    private WebTestClient.RequestBodySpec post(String path) {
        return client.mutate().responseTimeout(Duration.ofSeconds(20)).build()
                .post().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + KEY);
    }

    private static byte[] bytes(int size) {
        byte[] bytes = new byte[size];
        Arrays.fill(bytes, (byte) 'x');
        return bytes;
    }

    private static Flux<DataBuffer> chunks(int size) {
        int chunk = 64 * 1024;
        return Flux.range(0, size / chunk).map(i -> DefaultDataBufferFactory.sharedInstance.wrap(bytes(chunk)));
    }
}
