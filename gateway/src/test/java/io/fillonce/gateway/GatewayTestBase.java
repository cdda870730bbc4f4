package io.fillonce.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import io.fillonce.contracts.Contracts;
import io.fillonce.contracts.trust.RegistrySignature;
import io.fillonce.contracts.trust.TestRegistryKeys;
import io.fillonce.registryfeed.RegistryTopic;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A running gateway on a random port with a real (embedded KRaft) broker carrying the principals as the registry
 * would publish them. Where its routes lead is the subclass's choice ({@link GatewayTestSupport}: the shared echo).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
        "fillonce.upstream.response-timeout=1s",
        "fillonce.registry-view.idle-check=200ms",
        "fillonce.identity.secret=" + GatewayTestBase.IDENTITY_SECRET,
        "fillonce.registry.verify-key=" + TestRegistryKeys.PUBLIC_KEY,
        "fillonce.limits.default-rate.limit-for-period=100000",
        "fillonce.limits.rate.CADRE.limit-for-period=100000",
        "fillonce.limits.rate.DEPARTMENT.limit-for-period=100000",
        "logging.level.com.sun.net.httpserver=OFF",
        "management.server.port=0",
        "management.tracing.sampling.probability=1.0",
        "fillonce.edge.allowed-origins=" + GatewayTestBase.ALLOWED_ORIGIN})
@EmbeddedKafka(partitions = 1, topics = RegistryTopic.NAME)
public abstract class GatewayTestBase {

    public static final String IDENTITY_SECRET = "integration-test-identity-secret-0123456789";
    public static final String ALLOWED_ORIGIN = "https://console.example.org";
    protected static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    protected int port;

    @LocalManagementPort
    protected int managementPort;

    @Autowired
    protected KafkaTemplate<String, String> kafka;

    protected WebTestClient client() {
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(10)).build();
    }

    /** Publishes {@code entry} and waits until its key works against {@code probePath}. */
    protected void publishAndAwait(JsonNode entry, String apiKey, String probePath) {
        publish(entry);
        awaitKnown(apiKey, probePath);
    }

    /** Waits until the gateway knows {@code apiKey} (anything but 401 on {@code probePath}). */
    protected void awaitKnown(String apiKey, String probePath) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> client().get().uri(probePath)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + apiKey).exchange()
                .expectStatus().value(status -> assertThat(status).isNotEqualTo(401)));
    }

    /** Publishes {@code entry} as registry-service would: signed. */
    protected void publish(JsonNode entry) {
        assertThat(Contracts.violations(Contracts.REGISTRY_ENTRY, entry)).isEmpty();
        String key = PrincipalEntries.key(entry.get("id").asString());
        String value = JSON.writeValueAsString(entry);
        ProducerRecord<String, String> message = new ProducerRecord<>(RegistryTopic.NAME, key, value);
        message.headers().add(RegistrySignature.HEADER, TestRegistryKeys.SIGNER.sign(key, value));
        kafka.send(message).join();
    }

    protected static JsonNode expectProblem(WebTestClient.ResponseSpec response) {
        byte[] body = response.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().returnResult().getResponseBodyContent();
        JsonNode problem = JSON.readTree(body);
        assertThat(Contracts.violations(Contracts.PROBLEM, problem)).isEmpty();
        assertThat(problem.get("type").asString()).startsWith("https://fillonce.io/problems/");
        return problem;
    }
}
