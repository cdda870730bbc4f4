package io.fillonce.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.JsonNode;

/** Kafka clients of the local stack's secured broker, as a given principal, and what the broker lets them do. */
final class KafkaPrincipals {

    private static final Duration PATIENCE = Duration.ofSeconds(15);

    private KafkaPrincipals() {
    }

    /** Client settings from the credentials the registry answered for a department. */
    static Properties of(JsonNode credentials) {
        assertThat(credentials.get("saslMechanism").asString()).isEqualTo("SCRAM-SHA-512");
        Properties properties = scram(credentials.get("bootstrapServers").asString(),
                credentials.get("username").asString(), credentials.get("password").asString());
        properties.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, credentials.get("securityProtocol").asString());
        return properties;
    }

    static Properties scram(String bootstrap, String username, String password) {
        Properties properties = new Properties();
        properties.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
        properties.put("sasl.mechanism", "SCRAM-SHA-512");
        properties.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                + username + "\" password=\"" + password + "\";");
        return properties;
    }

    static Properties plaintext(String bootstrap) {
        Properties properties = new Properties();
        properties.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return properties;
    }

    static void assertCanRead(Properties principal, String topic) {
        try (KafkaConsumer<String, String> consumer = consumer(principal, null)) {
            assertThat(consumer.partitionsFor(topic, PATIENCE)).isNotEmpty();
        }
    }

    static void assertCannotRead(Properties principal, String topic) {
        try (KafkaConsumer<String, String> consumer = consumer(principal, null)) {
            assertThatThrownBy(() -> {
                consumer.assign(List.of(new TopicPartition(topic, 0)));
                consumer.seekToBeginning(List.of(new TopicPartition(topic, 0)));
                consumer.poll(PATIENCE);
            }).as("reading " + topic).isInstanceOf(TopicAuthorizationException.class);
        }
    }

    /** Reading its own topic, but in a consumer group that is not under its prefix. */
    static void assertCannotJoin(Properties principal, String topic, String group) {
        try (KafkaConsumer<String, String> consumer = consumer(principal, group)) {
            consumer.subscribe(List.of(topic));
            assertThatThrownBy(() -> consumer.poll(PATIENCE)).as("group " + group)
                    .isInstanceOf(GroupAuthorizationException.class);
        }
    }

    static void assertCannotWrite(Properties principal, String topic, String key, String value) {
        Properties config = new Properties();
        config.putAll(principal);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) PATIENCE.toMillis());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
                new StringSerializer())) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(topic, key, value)).get())
                    .as("writing " + topic) // refused for the topic, or (idempotent producer) for the cluster
                    .hasCauseInstanceOf(AuthorizationException.class);
        }
    }

    /** Writes one message as {@code principal} (which must be allowed to), with the given headers. */
    static void write(Properties principal, String topic, String key, String value, Map<String, String> headers)
            throws Exception {
        Properties config = new Properties();
        config.putAll(principal);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) PATIENCE.toMillis());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
                new StringSerializer())) {
            ProducerRecord<String, String> message = new ProducerRecord<>(topic, key, value);
            headers.forEach((name, text) -> message.headers().add(name, text.getBytes(StandardCharsets.UTF_8)));
            producer.send(message).get();
        }
    }

    /** No way in: the broker closes the connection, or authentication fails. */
    static void assertRefused(Properties principal) {
        Properties config = new Properties();
        config.putAll(principal);
        config.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, 8000);
        config.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        try (Admin admin = Admin.create(config)) {
            assertThatThrownBy(() -> admin.listTopics().names().get())
                    .satisfiesAnyOf(
                            thrown -> assertThat(thrown).hasCauseInstanceOf(AuthenticationException.class),
                            thrown -> assertThat(thrown).hasCauseInstanceOf(TimeoutException.class));
        }
    }

    private static KafkaConsumer<String, String> consumer(Properties principal, String group) {
        Properties config = new Properties();
        config.putAll(principal);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group == null ? "unused-" + UUID.randomUUID() : group);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) PATIENCE.toMillis());
        return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
    }
}
