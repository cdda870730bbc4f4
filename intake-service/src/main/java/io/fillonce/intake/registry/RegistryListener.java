package io.fillonce.intake.registry;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import io.fillonce.contracts.trust.RegistryGate;
import io.fillonce.contracts.trust.RegistrySignature;
import io.fillonce.telemetry.ViewAge;

/**
 * Reads the whole compacted topic {@code fillonce.registry} from the beginning with a throw-away consumer group
 * (every instance sees everything, nothing is committed) and keeps following it. The view counts as caught up
 * once this consumer's position has reached, on every partition, the end offset that partition had at start-up.
 * Entries without registry-service's signature ({@link RegistrySignature}) are ignored and logged as errors. How long
 * ago the view was last seen caught up with the topic is the gauge {@code fillonce.registry.view.age}
 * ({@link ViewAge}).
 */
@Component
class RegistryListener implements SmartLifecycle {

    static final String TOPIC = "fillonce.registry";

    private static final Logger log = LoggerFactory.getLogger(RegistryListener.class);

    private static final Duration POLL = Duration.ofMillis(500);

    private final KafkaProperties kafka;

    private final KafkaConnectionDetails connection;

    private final RegistryEntries entries;

    private final RecordTypes types;

    private final RegistryGate gate;

    private final String groupId = "fillonce-intake-view-" + UUID.randomUUID();

    private final ViewAge age = new ViewAge(System::nanoTime);

    private volatile boolean running;

    private volatile Consumer<String, String> consumer;

    private Thread thread;

    RegistryListener(KafkaProperties kafka, KafkaConnectionDetails connection, RegistryEntries entries,
            RecordTypes types, MeterRegistry meters, @Value("${fillonce.registry.verify-key:}") String verifyKey) {
        this.kafka = kafka;
        this.connection = connection;
        this.entries = entries;
        this.types = types;
        this.gate = RegistryGate.forVerifyKey(verifyKey);
        Gauge.builder(ViewAge.GAUGE, age, ViewAge::seconds)
                .description("Seconds since the registry view was last seen caught up with " + TOPIC)
                .baseUnit("seconds")
                .register(meters);
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::follow, "registry-view");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        Consumer<String, String> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        try {
            thread.join(10_000);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void follow() {
        while (running) {
            try (Consumer<String, String> c = new KafkaConsumer<>(consumerProperties())) {
                consumer = c;
                readFromBeginning(c);
            }
            catch (WakeupException e) {
                // stop() asked us to leave
            }
            catch (KafkaException e) {
                log.warn("Registry view lost {}, reconnecting: {}", TOPIC, e.getMessage());
                pause();
            }
        }
    }

    private void readFromBeginning(Consumer<String, String> c) {
        Map<TopicPartition, Long> endsAtStart = c.endOffsets(c.partitionsFor(TOPIC).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .collect(Collectors.toList()));
        c.subscribe(List.of(TOPIC));
        while (running) {
            for (ConsumerRecord<String, String> entry : c.poll(POLL)) {
                if (signedByRegistry(entry)) {
                    entries.apply(entry.key(), entry.value());
                }
            }
            if (!types.isCaughtUp() && reached(c, endsAtStart)) {
                types.markCaughtUp();
                log.info("Registry view caught up: {} record types", types.size());
            }
            age.look(c);
        }
    }

    private boolean signedByRegistry(ConsumerRecord<String, String> entry) {
        Header signature = entry.headers().lastHeader(RegistrySignature.HEADER);
        String forged = gate.problemWith(entry.key(), entry.value(),
                signature == null ? null : signature.value());
        if (forged != null) {
            log.error("Ignoring registry entry {} at {}-{}@{}: {}; only registry-service writes {}", entry.key(),
                    entry.topic(), entry.partition(), entry.offset(), forged, TOPIC);
        }
        return forged == null;
    }

    private static boolean reached(Consumer<String, String> c, Map<TopicPartition, Long> ends) {
        return ends.entrySet().stream()
                .allMatch(end -> end.getValue() == 0
                        || c.assignment().contains(end.getKey()) && c.position(end.getKey()) >= end.getValue());
    }

    private Map<String, Object> consumerProperties() {
        Map<String, Object> props = kafka.buildConsumerProperties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, connection.getConsumer().getBootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 5_000);
        return props;
    }

    private static void pause() {
        try {
            Thread.sleep(1_000);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
