package io.fillonce.sync.audit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import io.fillonce.sync.CommittedReaders;
import io.fillonce.sync.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Moves the audit topic into the hash chain: reads fillonce.sync.audit (read_committed: only what a committed
 * fan-out transaction wrote, plus the reads and webhook confirmations audited directly) and appends each polled
 * batch as one block, the events exactly as they travelled, then commits the offsets. A block names the last offset it holds, so after a crash between storing a block and
 * committing, the reader starts after what is stored: every event is chained exactly once. One partition, one
 * consumer group: one instance writes at a time, in topic order. A batch holding an erasure is followed by its
 * redaction ({@link AuditRedaction}). Each batch's confirmed deliveries are counted per flow ({@link DeliveryCounter}),
 * once, before its offsets are committed.
 */
@Component
class AuditWriter implements SmartLifecycle {

    static final String GROUP = "fillonce-sync-audit";
    private static final Logger log = LoggerFactory.getLogger(AuditWriter.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration PAUSE_AFTER_FAILURE = Duration.ofSeconds(2);

    private final AuditLog audit;
    private final AuditRedaction redaction;
    private final DeliveryCounter ledger;
    private final Map<String, Object> config;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile Thread thread;
    private volatile boolean running;
    private final Map<Integer, Long> stored = new HashMap<>();

    AuditWriter(AuditLog audit, AuditRedaction redaction, DeliveryCounter ledger, CommittedReaders readers) {
        this.audit = audit;
        this.ledger = ledger;
        this.redaction = redaction;
        this.config = readers.config();
        config.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
    }

    @Override
    public void start() {
        Properties properties = new Properties();
        properties.putAll(config);
        consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer());
        running = true;
        thread = new Thread(this::run, "audit-writer");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        try {
            if (thread != null) {
                thread.join(10_000);
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        try (KafkaConsumer<String, byte[]> reader = consumer) {
            reader.subscribe(List.of(Topics.AUDIT), new ResumeAfterStored(reader));
            while (running) {
                ConsumerRecords<String, byte[]> batch = reader.poll(POLL);
                for (TopicPartition partition : batch.partitions()) {
                    if (!chain(reader, partition, batch.records(partition))) {
                        break;
                    }
                }
            }
        }
        catch (WakeupException stopping) {
            // stop() woke the consumer up
        }
        catch (RuntimeException e) {
            log.error("The audit writer stopped: {}", e.toString(), e);
        }
    }

    /** Appends one partition's records as a block and commits; false (after rewinding) when that failed. */
    private boolean chain(KafkaConsumer<String, byte[]> reader, TopicPartition partition,
            List<ConsumerRecord<String, byte[]>> records) {
        long last = records.get(records.size() - 1).offset();
        try {
            long stored = stored(partition.partition());
            List<byte[]> events = new ArrayList<>(records.size());
            List<String> eventSubjects = new ArrayList<>(records.size());
            Set<String> erasing = new LinkedHashSet<>();
            for (ConsumerRecord<String, byte[]> record : records) {
                if (record.offset() > stored && isEvent(record)) {
                    events.add(record.value());
                    String key = record.key();
                    if (key.startsWith(AuditLog.ERASURE_KEY_PREFIX)) {
                        key = key.substring(AuditLog.ERASURE_KEY_PREFIX.length());
                        erasing.add(key);
                    }
                    eventSubjects.add(key);
                }
            }
            AuditRedaction.Batch batch = redaction.redactLate(events, eventSubjects);
            audit.append(batch.events(), batch.subjects(), new AuditLog.Source(partition.partition(), last), erasing,
                    batch.redacted());
            this.stored.put(partition.partition(), last);
            ledger.count(records);
            reader.commitSync(Map.of(partition, new OffsetAndMetadata(last + 1)));
            if (erasing.isEmpty()) {
                redaction.redactIfBehind();
            }
            else {
                redaction.redactPending();
            }
            return true;
        }
        catch (WakeupException stopping) {
            throw stopping;
        }
        catch (RuntimeException e) {
            log.warn("Could not chain audit events up to offset {} of {} (trying again): {}", last, partition,
                    e.toString());
            this.stored.remove(partition.partition());
            reader.seek(partition, records.get(0).offset());
            sleep(PAUSE_AFTER_FAILURE);
            return false;
        }
    }

    /** The last offset of the partition the chain holds; read from MongoDB when not known since the last failure. */
    private long stored(int partition) {
        return stored.computeIfAbsent(partition, audit::lastSourceOrNone);
    }

    /**
     * An audit event as the fan-out and the recorder write it: a JSON object keyed by its entity's subject. It is
     * chained as it travelled, without being parsed again; anything else is left out, loudly.
     */
    private static boolean isEvent(ConsumerRecord<String, byte[]> record) {
        byte[] value = record.value();
        boolean object = value != null && value.length >= 2 && value[0] == '{' && value[value.length - 1] == '}'
                && record.key() != null;
        if (!object) {
            log.error("Audit topic offset {} of partition {} is not an audit event and is left out of the chain",
                    record.offset(), record.partition());
        }
        return object;
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** On assignment, skips what the chain already holds (stored before the last commit could happen). */
    private final class ResumeAfterStored implements ConsumerRebalanceListener {

        private final KafkaConsumer<String, byte[]> reader;

        ResumeAfterStored(KafkaConsumer<String, byte[]> reader) {
            this.reader = reader;
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            Map<TopicPartition, OffsetAndMetadata> committed = reader.committed(Set.copyOf(partitions));
            for (TopicPartition partition : partitions) {
                stored.remove(partition.partition());
                long chained = stored(partition.partition());
                OffsetAndMetadata next = committed.get(partition);
                if (chained >= 0 && (next == null || next.offset() <= chained)) {
                    log.info("Audit events of {} up to offset {} are chained already; reading on after them",
                            partition, chained);
                    reader.seek(partition, chained + 1);
                }
            }
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            // offsets are committed after every block
        }
    }
}
