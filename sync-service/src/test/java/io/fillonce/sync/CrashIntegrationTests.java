package io.fillonce.sync;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.fillonce.identity.TestCallers;
import io.fillonce.registryfeed.RegistryTopic;
import io.fillonce.sync.RegistryEntries.Entry;
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
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The crash proof: sync-service in a child JVM is killed with SIGKILL while its fan-out is writing a few thousand
 * events to a department topic (in Kafka transactions) and its webhook worker is posting them, then two instances
 * are started on the same broker and MongoDB (they split the partitions and append to one audit chain). A
 * committed reader of the topic gets every event exactly once (the killed instance's open transaction is aborted and
 * its messages, still in the log, are never seen), the webhook receiver every event at least once, both in
 * strictly increasing versions per entity, and the audit chain verifies with one DELIVERED entry per event and
 * channel.
 */
class CrashIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int ENTITIES = 1000;
    private static final int VERSIONS = 6;
    private static final int EXPECTED = ENTITIES * VERSIONS;
    private static final String DEPARTMENT = "crash";

    private final EmbeddedKafkaKraftBroker broker = transactional(new EmbeddedKafkaKraftBroker(1, 3, RegistryTopic.NAME,
            Topics.RECORDS));
    private final MongoServer mongo = new MongoServer(new MemoryBackend());
    private final ApplyingReceiver receiver = receiver();
    private final List<SyncProcess> processes = new ArrayList<>();
    private final List<String> topicOutOfOrder = new ArrayList<>();
    private int topicVersionsUnderSeveralIds;
    private int topicDuplicates;

    @TempDir
    Path dir;

    @AfterEach
    void stopEverything() throws InterruptedException {
        for (SyncProcess process : processes) {
            process.close();
        }
        receiver.close();
        broker.destroy();
        mongo.shutdownNow();
    }

    @Test
    void aSyncKilledMidFanOutDeliversEveryEventOnceInOrderAndItsAuditChainVerifies() throws Exception {
        broker.afterPropertiesSet();
        String mongoUri = mongo.bindAndGetConnectionString();
        publishRegistry();
        publishRecords();

        SyncProcess first = start(mongoUri, "first");
        first.awaitReady();
        try (var written = uncommittedReader()) {
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(10))
                    .until(() -> written.count() >= EXPECTED / 3);
        }
        long[] firstWindow = receiver.window();
        first.kill();
        int atKill = receiver.applied();
        long killedAt = System.nanoTime();

        receiver.resetClock();
        SyncProcess second = start(mongoUri, "second");
        SyncProcess third = start(mongoUri, "third");
        second.awaitReady();
        third.awaitReady();
        long readyAfter = System.nanoTime() - killedAt;
        await().atMost(Duration.ofMinutes(5)).until(() -> receiver.applied() >= EXPECTED);
        long[] secondWindow = receiver.window();
        Map<String, Long> topic = topicFirstVersions();
        long inTheLog = countAll(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        JsonNode verified = JSON.readTree(second.get("/api/ops/audit/verify", TestCallers.ops()).body());
        Map<String, Set<String>> audited = auditedEventIds(mongoUri);

        report(atKill, readyAfter, topic.size(), inTheLog, verified, audited, rate(atKill, firstWindow),
                rate(EXPECTED - atKill, secondWindow));

        assertThat(atKill).isLessThan(EXPECTED);
        assertThat(receiver.applied()).isEqualTo(EXPECTED);
        assertThat(receiver.versionsUnderSeveralIds()).isEmpty();
        assertThat(receiver.outOfOrder()).isEmpty();
        assertThat(topic).hasSize(EXPECTED);
        assertThat(topicDuplicates).as("a committed reader sees every event exactly once").isZero();
        assertThat(topicVersionsUnderSeveralIds).isZero();
        assertThat(topicOutOfOrder).isEmpty();
        assertThat(verified.path("ok").booleanValue()).as(verified.toString()).isTrue();
        assertThat(audited.get("webhook")).hasSize(EXPECTED);
        assertThat(audited.get("topic")).hasSize(EXPECTED);
    }

    private void report(int atKill, long readyAfter, int topicDelivered, long inTheLog, JsonNode verified,
            Map<String, Set<String>> audited, double rateBefore, double rateAfter) {
        System.out.printf("""
                CRASH PROOF (%d entities x %d versions = %d events; webhook + topic)
                  killed (SIGKILL) with a third of the topic written, after %d of %d webhook deliveries; \
                two new instances ready after %.1f s
                  webhook: delivered/expected = %.3f, raw duplicates (same webhook-id again) = %d, \
                versions under a 2nd id = %d, out-of-order entities = %d
                  topic:   committed reader: delivered/expected = %.3f, duplicates = %d, versions under a 2nd id = %d; \
                in the log (read_uncommitted, aborted included): %d messages
                  audit:   verify ok = %s, checked = %d entries; DELIVERED entries cover webhook %d, topic %d event ids
                  throughput before the kill: %.0f webhook deliveries/s; after the restart: %.0f webhook deliveries/s
                %n""", ENTITIES, VERSIONS, EXPECTED, atKill, EXPECTED, readyAfter / 1e9,
                receiver.applied() / (double) EXPECTED, receiver.duplicates(), receiver.versionsUnderSeveralIds().size(),
                receiver.outOfOrder().size(), topicDelivered / (double) EXPECTED, topicDuplicates,
                topicVersionsUnderSeveralIds, inTheLog,
                verified.path("ok").booleanValue(), verified.path("checked").longValue(),
                audited.getOrDefault("webhook", Set.of()).size(), audited.getOrDefault("topic", Set.of()).size(),
                rateBefore, rateAfter);
    }

    /** Reads the department topic from the start: the first id of each version, checking order per entity. */
    private Map<String, Long> topicFirstVersions() {
        Map<String, Long> applied = new HashMap<>();
        Map<String, Long> lastVersion = new HashMap<>();
        Map<String, String> idOfVersion = new HashMap<>();
        Set<String> several = new HashSet<>();
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.getBrokersAsString(), ConsumerConfig.GROUP_ID_CONFIG, "crash-" + UUID.randomUUID(),
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false, ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new StringDeserializer())) {
            String topic = Topics.department(DEPARTMENT);
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            await().atMost(Duration.ofMinutes(2)).until(() -> {
                for (ConsumerRecord<String, String> message : consumer.poll(Duration.ofMillis(500))) {
                    String id = header(message, "ce_id");
                    long version = Long.parseLong(header(message, "ce_entityversion"));
                    String previous = idOfVersion.putIfAbsent(message.key() + "@" + version, id);
                    if (previous != null && !previous.equals(id)) {
                        several.add(message.key() + "@" + version);
                    }
                    if (applied.containsKey(id)) {
                        topicDuplicates++;
                    }
                    if (applied.putIfAbsent(id, version) == null) {
                        Long last = lastVersion.put(message.key(), version);
                        if (last != null && last >= version) {
                            topicOutOfOrder.add(message.key() + ": " + last + " then " + version);
                        }
                    }
                }
                return applied.size() >= EXPECTED;
            });
        }
        topicVersionsUnderSeveralIds = several.size();
        return applied;
    }

    /** Counts every message of the department topic as a reader with the given isolation level sees it. */
    private long countAll(String setting, String isolation) {
        try (var reader = new TopicCount(setting, isolation)) {
            await().atMost(Duration.ofMinutes(1)).pollDelay(Duration.ofSeconds(2)).until(() -> {
                long before = reader.count();
                reader.poll();
                return reader.count() == before && before >= EXPECTED;
            });
            return reader.count();
        }
    }

    private TopicCount uncommittedReader() {
        return new TopicCount(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
    }

    /** A reader that counts the department topic's messages from its start (polled by {@link #count()}). */
    private final class TopicCount implements AutoCloseable {

        private final KafkaConsumer<String, String> consumer;
        private long count;
        private boolean assigned;

        TopicCount(String setting, String value) {
            consumer = new KafkaConsumer<>(Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    broker.getBrokersAsString(), ConsumerConfig.GROUP_ID_CONFIG, "count-" + UUID.randomUUID(),
                    ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false, setting, value,
                    ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000), new StringDeserializer(), new StringDeserializer());
        }

        long count() {
            poll();
            return count;
        }

        void poll() {
            if (!assigned) {
                List<TopicPartition> partitions = consumer.partitionsFor(Topics.department(DEPARTMENT)).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                if (partitions.isEmpty()) {
                    return;
                }
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                assigned = true;
            }
            count += consumer.poll(Duration.ofMillis(50)).count();
        }

        @Override
        public void close() {
            consumer.close();
        }
    }

    /**
     * Event ids with a DELIVERED audit entry, by channel, read straight from MongoDB: blocks (format 2) hold their
     * events as one JSON array text, each naming its recipients (a recipient's own event id when it differs).
     */
    private static Map<String, Set<String>> auditedEventIds(String mongoUri) {
        Map<String, Set<String>> ids = new HashMap<>();
        try (MongoClient client = MongoClients.create(mongoUri)) {
            for (Document block : client.getDatabase("fillonce-sync").getCollection("audit_log").find()) {
                for (JsonNode event : JSON.readTree(block.getString("entries"))) {
                    if ("DELIVERED".equals(event.path("action").asString())) {
                        Set<String> channel = ids.computeIfAbsent(event.path("channel").asString(),
                                c -> new HashSet<>());
                        for (JsonNode recipient : event.path("recipients")) {
                            channel.add((recipient.hasNonNull("eventId") ? recipient : event).get("eventId").asString());
                        }
                    }
                }
            }
        }
        return ids;
    }

    private SyncProcess start(String mongoUri, String name) throws java.io.IOException {
        SyncProcess process = new SyncProcess(dir.resolve(name + ".log"),
                "--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(), "--spring.mongodb.uri=" + mongoUri,
                "--fillonce.sync.webhooks.allow-loopback=true");
        processes.add(process);
        return process;
    }

    private void publishRegistry() {
        Entry department = new Entry("department/" + DEPARTMENT, """
                {"kind": "department", "id": "%s", "revision": 1, "updatedAt": "2026-11-27T08:00:02Z",
                 "state": {"code": "%s", "name": "Crash",
                           "webhook": %s}}"""
                .formatted(DEPARTMENT, DEPARTMENT, RegistryEntries.webhook(DEPARTMENT, receiver.url("/hook"),
                        "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")));
        Entry subscription = RegistryEntries.subscription("sub-crash", DEPARTMENT, "resident",
                "{\"xm\": {\"from\": \"/name\"}}", "null", "[\"webhook\", \"topic\"]");
        try (var producer = producer()) {
            for (Entry entry : List.of(department, subscription)) {
                producer.send(entry.message()).get();
            }
        }
        catch (Exception e) {
            throw new IllegalStateException("could not publish the registry", e);
        }
    }

    private void publishRecords() {
        List<String> entities = new ArrayList<>();
        for (int i = 0; i < ENTITIES; i++) {
            entities.add("37060219900101" + String.format("%04d", i));
        }
        try (var producer = producer()) {
            for (int version = 1; version <= VERSIONS; version++) {
                for (String entity : entities) {
                    producer.send(RecordEvents.resident(entity, version, "370602"));
                }
            }
            producer.flush();
        }
    }

    private KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.getBrokersAsString(), ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(),
                new ByteArraySerializer());
    }

    private static double rate(int deliveries, long[] window) {
        double seconds = (window[1] - window[0]) / 1e9;
        return seconds > 0 ? deliveries / seconds : Double.NaN;
    }

    private static String header(ConsumerRecord<?, ?> message, String name) {
        return new String(message.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    /** A single broker needs a transaction state log of replication factor 1 for the fan-out's transactions. */
    static EmbeddedKafkaKraftBroker transactional(EmbeddedKafkaKraftBroker broker) {
        broker.brokerProperty("transaction.state.log.replication.factor", "1");
        broker.brokerProperty("transaction.state.log.min.isr", "1");
        return broker;
    }

    private static ApplyingReceiver receiver() {
        try {
            return new ApplyingReceiver();
        }
        catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
