package io.fillonce.sync;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import static org.awaitility.Awaitility.await;

/**
 * The test's broker as the platform's neighbours use it: a message published as the registry or intake would publish
 * it, and a department topic read as a department must read it.
 */
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

    /**
     * Reads {@code topic} from its beginning, committed messages only (as departments must), until {@code count}
     * messages that are {@code wanted} have come (within {@code patience}); then polls once more for up to
     * {@code more} (a duplicate would show), unless it is zero.
     */
    static List<ConsumerRecord<String, String>> readCommitted(String bootstrapServers, String topic,
            Predicate<ConsumerRecord<String, String>> wanted, int count, Duration patience, Duration more) {
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers, ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false, ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed"), new StringDeserializer(), new StringDeserializer())) {
            await().atMost(patience).until(() -> !consumer.partitionsFor(topic).isEmpty());
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            await().atMost(patience).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(m -> keep(m, wanted, found));
                return found.size() >= count;
            });
            if (!more.isZero()) {
                consumer.poll(more).forEach(m -> keep(m, wanted, found));
            }
        }
        return found;
    }

    private static void keep(ConsumerRecord<String, String> message, Predicate<ConsumerRecord<String, String>> wanted,
            List<ConsumerRecord<String, String>> found) {
        if (wanted.test(message)) {
            found.add(message);
        }
    }
}
