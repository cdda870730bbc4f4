package io.fillonce.bench.platform;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Client settings for the stack's broker: its bootstrap servers plus whatever {@code --kafka-config} adds. */
final class KafkaClients {

    private final Map<String, Object> common = new HashMap<>();

    KafkaClients(String bootstrapServers, Path extra) {
        common.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        if (extra != null) {
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(extra)) {
                properties.load(reader);
            }
            catch (IOException e) {
                throw new UncheckedIOException("cannot read --kafka-config " + extra, e);
            }
            properties.forEach((name, value) -> common.put((String) name, value));
        }
    }

    Map<String, Object> admin() {
        return new HashMap<>(common);
    }

    /** A consumer as a department reads its topic: committed transactions only, bytes, no group (assigned). */
    Map<String, Object> departmentReader() {
        Map<String, Object> settings = new HashMap<>(common);
        settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        settings.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        settings.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        return settings;
    }

    /** A plain producer: acks=all (and Kafka's default idempotence), bytes, otherwise defaults. */
    Map<String, Object> plainProducer() {
        Map<String, Object> settings = new HashMap<>(common);
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        settings.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return settings;
    }
}
