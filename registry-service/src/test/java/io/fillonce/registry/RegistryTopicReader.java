package io.fillonce.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import io.fillonce.contracts.trust.RegistrySignature;
import io.fillonce.contracts.trust.TestRegistryKeys;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.kafka.core.KafkaAdmin;

/**
 * Reads fillonce.registry from the beginning, as any registry view does, until a wanted entry shows up; every message
 * it reads must carry registry-service's signature, verified with the tests' public key.
 */
final class RegistryTopicReader implements AutoCloseable {

    static final String TOPIC = "fillonce.registry";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final RegistrySignature.Verifier SIGNATURES =
            RegistrySignature.verifier(TestRegistryKeys.PUBLIC_KEY, "test key");

    private final KafkaConsumer<String, String> consumer;
    private final List<ConsumerRecord<String, String>> seen = new ArrayList<>();

    RegistryTopicReader(KafkaAdmin admin) {
        Object servers = admin.getConfigurationProperties().get("bootstrap.servers");
        String bootstrap = servers instanceof Collection<?> list ? String.join(",", list.stream().map(String::valueOf)
                .toList()) : String.valueOf(servers);
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(TOPIC));
    }

    /** The first message with {@code key} whose JSON value satisfies {@code wanted}; fails after 20 s. */
    ConsumerRecord<String, String> await(String key, Predicate<JsonNode> wanted) {
        Instant deadline = Instant.now().plusSeconds(20);
        int checked = 0;
        while (Instant.now().isBefore(deadline)) {
            for (; checked < seen.size(); checked++) {
                ConsumerRecord<String, String> record = seen.get(checked);
                if (key.equals(record.key()) && record.value() != null && wanted.test(JSON.readTree(record.value()))) {
                    return record;
                }
            }
            consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                Header signature = record.headers().lastHeader(RegistrySignature.HEADER);
                assertThat(SIGNATURES.problemWith(record.key(), record.value(),
                        signature == null ? null : signature.value())).as(record.key()).isNull();
                seen.add(record);
            });
        }
        throw new AssertionError("no message with key " + key + " matching the condition on " + TOPIC
                + " within 20 s; saw keys " + seen.stream().map(ConsumerRecord::key).toList());
    }

    ConsumerRecord<String, String> await(String key) {
        return await(key, value -> true);
    }

    /** The {@code index}th webhook secret of a department entry, opened as sync-service opens it. */
    static String secret(JsonNode department, int index) {
        return TestRegistryKeys.SEALING.open(department.at("/state/webhook/sealedSecrets/" + index).stringValue(),
                department.at("/state/code").stringValue());
    }

    static JsonNode json(ConsumerRecord<String, String> record) {
        return JSON.readTree(record.value());
    }

    @Override
    public void close() {
        consumer.close();
    }
}
