package io.fillonce.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a topic from its beginning while something publishes to it, until every expected event id has arrived:
 * how long that took from the start of the publishing, and whether each entity's versions arrived in order with the
 * event ids intake answered.
 */
final class TopicWatch implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;

    TopicWatch(String bootstrapServers, String topic) {
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000));
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
        if (partitions.isEmpty()) {
            throw new IllegalStateException("topic " + topic + " does not exist");
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        partitions.forEach(consumer::position);
    }

    /** Runs {@code publish} in another thread and reads until all {@code expected} events are on the topic. */
    Delivery measure(List<Outbox.PendingEvent> expected, Runnable publish, Duration timeout) {
        OrderCheck check = new OrderCheck(expected);
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        CompletableFuture<Void> publishing = CompletableFuture.runAsync(publish);
        while (check.seen() < expected.size() && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> event : consumer.poll(Duration.ofMillis(50))) {
                check.accept(event);
            }
            if (publishing.isCompletedExceptionally()) {
                publishing.join();
            }
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        publishing.join();
        return check.delivery(elapsed);
    }

    @Override
    public void close() {
        consumer.close();
    }

    /**
     * The figures of one publication.
     *
     * @param elapsed from the start of the publishing until the last expected event was read (or the timeout)
     * @param seen distinct expected event ids read
     * @param outOfOrder events whose version was lower than one already read for the same entity
     * @param republished events read again with an id already read (allowed: at-least-once)
     * @param wrong events with an id not expected, or with another entity or version than intake answered
     */
    record Delivery(Duration elapsed, int expected, int seen, int outOfOrder, int republished, int wrong) {

        double perSecond() {
            return seen / (elapsed.toNanos() / 1e9);
        }

        boolean complete() {
            return seen == expected && outOfOrder == 0 && wrong == 0;
        }
    }

    private static final class OrderCheck {

        private final Map<String, Outbox.PendingEvent> expected;

        private final Map<String, Integer> lastVersion = new HashMap<>();

        private final Set<String> seen = new HashSet<>();

        private int outOfOrder;

        private int republished;

        private int wrong;

        OrderCheck(List<Outbox.PendingEvent> expected) {
            this.expected = expected.stream()
                    .collect(Collectors.toMap(Outbox.PendingEvent::eventId, Function.identity()));
        }

        void accept(ConsumerRecord<String, byte[]> event) {
            String id = header(event, "ce_id");
            String version = header(event, "ce_entityversion");
            Outbox.PendingEvent answered = expected.get(id);
            if (answered == null || !String.valueOf(answered.version()).equals(version)
                    || !answered.subject().equals(event.key())) {
                wrong++;
                return;
            }
            if (!seen.add(id)) {
                republished++;
            }
            Integer last = lastVersion.put(event.key(), answered.version());
            if (last != null && last > answered.version()) {
                outOfOrder++;
            }
        }

        int seen() {
            return seen.size();
        }

        Delivery delivery(Duration elapsed) {
            return new Delivery(elapsed, expected.size(), seen.size(), outOfOrder, republished, wrong);
        }

        private static String header(ConsumerRecord<String, byte[]> event, String name) {
            Header header = event.headers().lastHeader(name);
            return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
        }
    }
}
