package io.fillonce.sync;

import java.util.Map;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** A message published on the test's broker, as the registry or intake would publish it. */
final class TestKafka {

    private TestKafka() {
    }

    /** Publishes {@code record} on the broker at {@code bootstrapServers} and waits for its acknowledgement. */
    static void publish(String bootstrapServers, ProducerRecord<String, byte[]> record) {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(record).get();
        }
        catch (Exception e) {
            throw new IllegalStateException("could not publish the test message", e);
        }
    }
}
