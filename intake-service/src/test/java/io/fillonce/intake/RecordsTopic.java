package io.fillonce.intake;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import static org.assertj.core.api.Assertions.fail;

/** Reads {@code fillonce.records} from the beginning, as any receiver would, and collects messages per key. */
public final class RecordsTopic implements AutoCloseable {

    private final Consumer<String, byte[]> consumer;

    private final List<ConsumerRecord<String, byte[]>> received = new ArrayList<>();

    public RecordsTopic(String bootstrapServers) {
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "intake-tests-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.METADATA_MAX_AGE_CONFIG, 1_000,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
        consumer.subscribe(List.of("fillonce.records"));
    }

    /** Waits until {@code count} messages with this key have arrived; returns them in arrival order. */
    public List<ConsumerRecord<String, byte[]>> await(String key, int count) {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            List<ConsumerRecord<String, byte[]>> forKey = withKey(key);
            if (forKey.size() >= count) {
                return forKey;
            }
            consumer.poll(Duration.ofMillis(200)).forEach(received::add);
        }
        return fail("expected %d messages with key %s on fillonce.records, got %d", count, key, withKey(key).size());
    }

    /** Every message with this key that arrived, after listening a while longer for any more. */
    public List<ConsumerRecord<String, byte[]>> settled(String key, Duration listen) {
        Instant until = Instant.now().plus(listen);
        while (Instant.now().isBefore(until)) {
            consumer.poll(Duration.ofMillis(200)).forEach(received::add);
        }
        return withKey(key);
    }

    public static String header(ConsumerRecord<String, byte[]> message, String name) {
        Header header = message.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private List<ConsumerRecord<String, byte[]>> withKey(String key) {
        return received.stream().filter(message -> key.equals(message.key())).toList();
    }

    @Override
    public void close() {
        consumer.close();
    }
}
