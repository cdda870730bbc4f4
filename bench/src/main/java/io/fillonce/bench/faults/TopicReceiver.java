package io.fillonce.bench.faults;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a department's topic as the department does: with its own Kafka credentials (as the registry issued them),
 * committed transactions only, every partition from the beginning, and hands each shared version to the
 * {@link Scoreboard}. The topic may not exist yet when it starts; it waits for it.
 */
final class TopicReceiver implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration POLL = Duration.ofMillis(200);

    private final String department;
    private final String topic;
    private final Scoreboard scoreboard;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile String failure;

    TopicReceiver(String department, Properties credentials, Scoreboard scoreboard) {
        this.department = department;
        this.topic = "fillonce.dept." + department;
        this.scoreboard = scoreboard;
        Map<String, Object> settings = new HashMap<>();
        credentials.forEach((name, value) -> settings.put((String) name, value));
        settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        settings.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        this.consumer = new KafkaConsumer<>(settings);
        this.thread = new Thread(this::read, "topic-" + department);
        thread.setDaemon(true);
        thread.start();
    }

    /** Why reading stopped, or null while it reads. */
    String failure() {
        return failure;
    }

    private void read() {
        try {
            List<PartitionInfo> partitions = List.of();
            while (running && partitions.isEmpty()) {
                partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10));
            }
            List<TopicPartition> assigned = partitions.stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(assigned);
            consumer.seekToBeginning(assigned);
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    take(record);
                }
            }
        }
        catch (WakeupException closing) {
            // close() woke it
        }
        catch (RuntimeException e) {
            failure = e.toString();
        }
        finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private void take(ConsumerRecord<byte[], byte[]> record) {
        if (!"fillonce.record.shared".equals(header(record, "ce_type")) || record.value() == null) {
            return;
        }
        JsonNode payload = JSON.readTree(record.value());
        scoreboard.accept(department, payload.path("run").asString(""), header(record, "ce_id"),
                payload.path("seq").asInt(-1), Integer.parseInt(header(record, "ce_entityversion")));
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(5_000);
    }
}
