package io.fillonce.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import io.fillonce.contracts.trust.RegistrySignature;
import io.fillonce.contracts.trust.TestRegistryKeys;
import io.fillonce.registryfeed.RegistryTopic;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/** Authentication, identity forwarding, upstream failures. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GatewayIntegrationTests extends GatewayTestSupport {

    private static final String ADMIN_KEY = "it-admin-key";
    private static final String CADRE_KEY = "it-cadre-key";
    private static final String OPS_KEY = "it-ops-key";

    @Autowired
    CircuitBreakerRegistry circuitBreakers;

    WebTestClient client;

    @BeforeAll
    void publishPrincipals() {
        client = client();
        publish(PrincipalEntries.principal("admin:it", "ADMIN", ADMIN_KEY));
        publish(PrincipalEntries.cadre("c-0042", CADRE_KEY, "370602"));
        publish(PrincipalEntries.principal("ops:it", "OPS", OPS_KEY));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> get("/api/registry/departments", ADMIN_KEY)
                .exchange().expectStatus().isOk());
    }

    @Test
    void probesArePublicAndReadyOnceCaughtUp() {
        client.get().uri("/livez").exchange().expectStatus().isOk();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                client.get().uri("/readyz").exchange().expectStatus().isOk());
        WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + managementPort).build()
                .get().uri("/actuator/health").exchange().expectStatus().isOk();
    }

    @Test
    void requestWithoutKeyIsUnauthenticated() {
        JsonNode problem = expectProblem(client.get().uri("/api/records/resident/1").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"fillonce\""));

        assertThat(problem.get("status").asInt()).isEqualTo(401);
        assertThat(problem.get("detail").asString()).contains("Authorization: Bearer");
    }

    @Test
    void unknownOrMalformedKeyIsUnauthenticated() {
        expectProblem(get("/api/records/resident/1", "not-a-known-key").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueMatches(HttpHeaders.WWW_AUTHENTICATE, "Bearer .*error=\"invalid_token\""));
        expectProblem(client.get().uri("/api/records/resident/1").header(HttpHeaders.AUTHORIZATION, "Basic YTpi")
                .exchange().expectStatus().isUnauthorized());
    }

    @Test
    void cadreMayNotUseTheRegistry() {
        JsonNode problem = expectProblem(get("/api/registry/departments?probe=cadre-forbidden", CADRE_KEY).exchange()
                .expectStatus().isForbidden());

        assertThat(problem.get("detail").asString()).contains("CADRE", "[ADMIN]");
        get("/api/registry/departments?probe=admin-allowed", ADMIN_KEY).exchange().expectStatus().isOk();
        assertThat(EchoUpstream.requests()).contains("/api/registry/departments?probe=admin-allowed")
                .noneMatch(uri -> uri.contains("cadre-forbidden"));
    }

    @Test
    void apiPathWithoutRuleIsNotFound() {
        expectProblem(get("/api/unknown/thing", ADMIN_KEY).exchange().expectStatus().isNotFound());
        expectProblem(get("/api/records/../registry/departments", CADRE_KEY).exchange().expectStatus().isBadRequest());
    }

    @Test
    void adminReachesTheRegistryAsItselfWhateverItClaims() {
        get("/api/registry/departments", ADMIN_KEY)
                .header("X-Fillonce-Principal", "admin:evil")
                .header("x-fillonce-department", "civil-affairs")
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.path").isEqualTo("/api/registry/departments")
                .jsonPath("$.headers['x-fillonce-principal']").isEqualTo(List.of("admin:it"))
                .jsonPath("$.headers['x-fillonce-role']").isEqualTo(List.of("ADMIN"))
                .jsonPath("$.headers['x-fillonce-department']").doesNotExist()
                .jsonPath("$.headers['authorization']").doesNotExist()
                .jsonPath("$.headers['x-fillonce-identity'].length()").isEqualTo(1);
    }

    @Test
    void servicesGetASignedIdentityAndNeverOneTheClientSent() throws Exception {
        String forged = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbjpldmlsIn0.";
        JsonNode echo = JSON.readTree(get("/api/records/resident/1", CADRE_KEY)
                .header("X-Fillonce-Identity", forged).exchange()
                .expectStatus().isOk().expectBody().returnResult().getResponseBodyContent());

        JsonNode tokens = echo.path("headers").path("x-fillonce-identity");
        assertThat(tokens.size()).isEqualTo(1);
        assertThat(tokens.get(0).asString()).isNotEqualTo(forged);
        SignedJWT jwt = SignedJWT.parse(tokens.get(0).asString());
        assertThat(jwt.verify(new MACVerifier(IDENTITY_SECRET.getBytes()))).isTrue();
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo("fillonce-gateway");
        assertThat(claims.getAudience()).as("the route's service only").containsExactly("intake-service");
        assertThat(claims.getSubject()).isEqualTo("cadre:c-0042");
        assertThat(claims.getStringClaim("role")).isEqualTo("CADRE");
        assertThat(claims.getStringClaim("region")).isEqualTo("370602");
        assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()).isEqualTo(60_000);
        assertThat(claims.getExpirationTime()).isInTheFuture();
        assertThat(claims.getJWTID()).isNotBlank();
    }

    @Test
    void cadreSubmitsWithItsRegion() {
        client.post().uri("/api/records/resident").header(HttpHeaders.AUTHORIZATION, "Bearer " + CADRE_KEY)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"idNumber\":\"1\"}")
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.method").isEqualTo("POST")
                .jsonPath("$.body").isEqualTo("{\"idNumber\":\"1\"}")
                .jsonPath("$.headers['x-fillonce-principal']").isEqualTo(List.of("cadre:c-0042"))
                .jsonPath("$.headers['x-fillonce-region']").isEqualTo(List.of("370602"));
    }

    @Test
    void theRegistryGetsATokenMintedForTheRegistry() throws Exception {
        JsonNode echo = JSON.readTree(get("/api/registry/departments", ADMIN_KEY).exchange()
                .expectStatus().isOk().expectBody().returnResult().getResponseBodyContent());

        SignedJWT jwt = SignedJWT.parse(echo.at("/headers/x-fillonce-identity/0").asString());
        assertThat(jwt.getJWTClaimsSet().getAudience()).containsExactly("registry-service");
    }

    @Test
    void aRecordsReceiptsGoToSyncWhileTheRecordItselfGoesToIntake() {
        client.get().uri("/api/records/resident/370602/receipts").header(HttpHeaders.AUTHORIZATION, "Bearer " + CADRE_KEY)
                .exchange().expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                .expectBody().jsonPath("$.type").isEqualTo("https://fillonce.io/problems/upstream-unavailable");
        client.get().uri("/api/records/resident/370602").header(HttpHeaders.AUTHORIZATION, "Bearer " + CADRE_KEY)
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.method").isEqualTo("GET");
    }

    @Test
    void upstreamClientErrorsPassThroughUnchanged() {
        get("/api/registry/status/409", ADMIN_KEY).exchange()
                .expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.title").isEqualTo("from upstream");
    }

    @Test
    void revokedKeyStopsWorking() {
        JsonNode temp = PrincipalEntries.principal("admin:temp", "ADMIN", "it-temp-key");
        publish(temp);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                get("/api/registry/departments", "it-temp-key").exchange().expectStatus().isOk());

        publish(PrincipalEntries.revised(temp, "active", false));

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                get("/api/registry/departments", "it-temp-key").exchange().expectStatus().isUnauthorized());
    }

    /** registry-service's own signature on an old entry does not bring a revoked key back when written again. */
    @Test
    void anOldSignedEntryWrittenAgainDoesNotReviveARevokedKey() {
        JsonNode active = PrincipalEntries.principal("admin:replayed", "ADMIN", "it-replayed-key");
        publish(active);
        publish(PrincipalEntries.revised(active, "active", false));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                get("/api/registry/departments", "it-replayed-key").exchange().expectStatus().isUnauthorized());

        publish(active); // revision 1 again, correctly signed
        JsonNode marker = PrincipalEntries.principal("admin:after-replay", "ADMIN", "it-after-replay-key");
        publish(marker);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                get("/api/registry/departments", "it-after-replay-key").exchange().expectStatus().isOk());

        get("/api/registry/departments", "it-replayed-key").exchange().expectStatus().isUnauthorized();
    }

    /** What anyone who could write fillonce.registry tried on an open broker: a self-made ADMIN key. */
    @Test
    void aRegistryEntryWithoutRegistryServicesSignatureChangesNothing() throws Exception {
        String forged = JSON.writeValueAsString(PrincipalEntries.principal("admin:forged", "ADMIN", "it-forged-key"));
        kafka.send(RegistryTopic.NAME, PrincipalEntries.key("admin:forged"), forged).join();
        ProducerRecord<String, String> badlySigned = new ProducerRecord<>(RegistryTopic.NAME,
                PrincipalEntries.key("admin:forged"), forged);
        badlySigned.headers().add(RegistrySignature.HEADER,
                TestRegistryKeys.SIGNER.sign(PrincipalEntries.key("admin:other"), forged));
        kafka.send(badlySigned).join();
        kafka.send(RegistryTopic.NAME, PrincipalEntries.key("admin:it"), null).join();
        JsonNode marker = PrincipalEntries.principal("admin:after-forgery", "ADMIN", "it-after-forgery-key");
        publish(marker); // signed: once the gateway knows it, it has read the forged entries before it
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                get("/api/registry/departments", "it-after-forgery-key").exchange().expectStatus().isOk());

        get("/api/registry/departments", "it-forged-key").exchange().expectStatus().isUnauthorized();
        get("/api/registry/departments", ADMIN_KEY).exchange().expectStatus().isOk(); // no unsigned tombstone revokes
    }

    @Test
    void unreachableServiceIsUnavailable() {
        JsonNode problem = expectProblem(get("/api/ops/flows", OPS_KEY).exchange()
                .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE));

        assertThat(problem.get("type").asString()).isEqualTo("https://fillonce.io/problems/upstream-unavailable");
        assertThat(problem.get("instance").asString()).isEqualTo("/api/ops/flows");
        assertThat(circuitBreakers.circuitBreaker("sync").getCircuitBreakerConfig().getMinimumNumberOfCalls())
                .as("the route's breaker uses the configured defaults").isEqualTo(10);
    }

    /**
     * Spring Cloud CircuitBreaker's default bulkhead (25 calls at once per service) answered the 26th with a 502 and
     * counted it as the service failing, so a busy minute opened the breaker for everyone (./fillonce faults found
     * it); the gateway runs without it.
     */
    @Test
    void fortySubmissionsAtOnceAllReachTheService() throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(40);
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                statuses.add(callers.submit(() -> client.post().uri("/api/records/resident/pause")
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + CADRE_KEY)
                        .contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                        .exchange().returnResult(String.class).getStatus().value()));
            }
            for (Future<Integer> status : statuses) {
                assertThat(status.get(30, TimeUnit.SECONDS)).isEqualTo(200);
            }
        }
        finally {
            callers.shutdownNow();
        }
        assertThat(circuitBreakers.circuitBreaker("intake").getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void slowServiceTimesOut() {
        JsonNode problem = expectProblem(get("/api/records/resident/slow", CADRE_KEY).exchange()
                .expectStatus().isEqualTo(HttpStatus.GATEWAY_TIMEOUT));

        assertThat(problem.get("type").asString()).isEqualTo("https://fillonce.io/problems/upstream-timeout");
    }

    private WebTestClient.RequestHeadersSpec<?> get(String path, String key) {
        return client.get().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + key);
    }
}
