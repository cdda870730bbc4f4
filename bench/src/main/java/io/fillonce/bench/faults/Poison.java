package io.fillonce.bench.faults;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Poison on {@code fillonce.records}, written by a producer the broker lets write there (intake's own principal):
 * on every partition, bytes that are no CloudEvent, a CloudEvent whose data is not JSON, and a well-formed
 * CloudEvent that is no record event intake would write. Then what sync made of it: the messages on the dead-letter
 * topic {@code fillonce.records.dead} that name this run's poison.
 */
final class Poison {

    static final String RECORDS = "fillonce.records";
    static final String DEAD = "fillonce.records.dead";

    private Poison() {
    }

    /** Writes the poison; the number of messages written. */
    static int write(Properties producerPrincipal, String run) throws Exception {
        Map<String, Object> settings = settings(producerPrincipal);
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        settings.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        int written = 0;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(settings)) {
            List<PartitionInfo> partitions = producer.partitionsFor(RECORDS);
            for (PartitionInfo partition : partitions) {
                for (ProducerRecord<byte[], byte[]> poison : poisons(partition.partition(), run)) {
                    producer.send(poison).get(30, TimeUnit.SECONDS);
                    written++;
                }
            }
        }
        return written;
    }

    private static List<ProducerRecord<byte[], byte[]>> poisons(int partition, String run) {
        byte[] key = bytes("poison/" + run + "-" + partition);
        List<ProducerRecord<byte[], byte[]>> poisons = new ArrayList<>();
        poisons.add(new ProducerRecord<>(RECORDS, partition, key, bytes("\u0000not a cloud event " + run)));
        ProducerRecord<byte[], byte[]> notJson = new ProducerRecord<>(RECORDS, partition, key,
                bytes("{not json " + run));
        ceHeaders(notJson, "fillonce.record.upserted");
        poisons.add(notJson);
        ProducerRecord<byte[], byte[]> stranger = new ProducerRecord<>(RECORDS, partition, key,
                bytes("{\"poison\": \"" + run + "\"}"));
        ceHeaders(stranger, "fillonce.record.upserted");
        poisons.add(stranger);
        return poisons;
    }

    private static void ceHeaders(ProducerRecord<byte[], byte[]> record, String type) {
        record.headers().add("ce_specversion", bytes("1.0"));
        record.headers().add("ce_id", bytes(UUID.randomUUID().toString()));
        record.headers().add("ce_type", bytes(type));
        record.headers().add("ce_source", bytes("/fillonce/intake"));
        record.headers().add("content-type", bytes("application/json"));
    }

    /** The messages of the dead-letter topic whose key or value names {@code run}; -1 if the topic does not exist. */
    static int deadLettersOf(Properties reader, String run) {
        Map<String, Object> settings = settings(reader);
        settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        settings.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        settings.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(settings)) {
            List<PartitionInfo> partitions = consumer.partitionsFor(DEAD, Duration.ofSeconds(10));
            if (partitions == null || partitions.isEmpty()) {
                return -1;
            }
            List<TopicPartition> assigned = partitions.stream().map(p -> new TopicPartition(DEAD, p.partition()))
                    .toList();
            consumer.assign(assigned);
            consumer.seekToBeginning(assigned);
            Map<TopicPartition, Long> ends = consumer.endOffsets(assigned);
            int found = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (assigned.stream().anyMatch(p -> consumer.position(p) < ends.get(p))
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    String text = text(record.key()) + text(record.value());
                    if (text.contains(run)) {
                        found++;
                    }
                }
            }
            return found;
        }
    }

    private static Map<String, Object> settings(Properties principal) {
        Map<String, Object> settings = new HashMap<>();
        principal.forEach((name, value) -> settings.put((String) name, value));
        return settings;
    }

    private static String text(byte[] bytes) {
        return bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
