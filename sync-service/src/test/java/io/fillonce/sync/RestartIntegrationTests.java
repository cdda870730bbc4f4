package io.fillonce.sync;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.fillonce.registryfeed.RegistryTopic;
import io.fillonce.sync.RegistryEntries.Entry;
import io.fillonce.sync.WebhookReceiver.Received;
import io.fillonce.sync.state.EntityStates;
import io.fillonce.sync.system.Unavailable;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.bson.Document;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Stops sync in the middle of a fan-out (a slow department endpoint, most deliveries still waiting) and starts a
 * new instance on the same broker and MongoDB: every version arrives, in order per entity, none under two ids.
 * Likewise a backfill job stopped with its instance is resumed from its stream tasks' committed cursors by the next
 * one, and the department gets every entity exactly once.
 */
class RestartIntegrationTests {

    private static final int ENTITIES = 3;
    private static final int VERSIONS = 6;

    private final EmbeddedKafkaKraftBroker broker = CrashIntegrationTests.transactional(new EmbeddedKafkaKraftBroker(1, 3,
            RegistryTopic.NAME, Topics.RECORDS));
    private final MongoServer mongo = new MongoServer(new MemoryBackend());
    private final WebhookReceiver receiver = WebhookReceiver.start();
    private ConfigurableApplicationContext sync;

    @AfterEach
    void stopEverything() {
        if (sync != null) {
            sync.close();
        }
        receiver.close();
        broker.destroy();
        mongo.shutdownNow();
    }

    @Test
    void aRestartedSyncDeliversEveryVersionOnceAndInOrder() {
        broker.afterPropertiesSet();
        String mongoUri = mongo.bindAndGetConnectionString();
        receiver.slow("/hook", 150);
        publish(registry(department()));
        publish(registry(RegistryEntries.subscription("sub-restart", "restart", "resident",
                "{\"xm\": {\"from\": \"/name\"}}", "null", "[\"webhook\"]")));
        List<String> entities = List.of(entity(), entity(), entity());
        sync = start(mongoUri);
        for (int version = 1; version <= VERSIONS; version++) {
            for (String entity : entities) {
                publish(RecordEvents.resident(entity, version, "370602"));
            }
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.delivered("/hook").size() >= 3);
        sync.close();
        int beforeRestart = receiver.delivered("/hook").size();
        sync = start(mongoUri);
        await().atMost(Duration.ofSeconds(60)).until(() -> distinctIds() == ENTITIES * VERSIONS);

        assertThat(beforeRestart).isLessThan(ENTITIES * VERSIONS);
        for (String entity : entities) {
            String subject = TestSubjects.pseudonymous("restart", entity);
            List<Long> versions = receiver.delivered("/hook").stream()
                    .filter(r -> r.headers().get("fillonce-subject").equals(subject))
                    .map(r -> Long.parseLong(r.headers().get("fillonce-entity-version"))).distinct().toList();
            assertThat(versions).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        }
        Map<String, List<String>> idsByVersion = receiver.delivered("/hook").stream().collect(Collectors.groupingBy(
                r -> r.headers().get("fillonce-subject") + "@" + r.headers().get("fillonce-entity-version"),
                Collectors.mapping(r -> r.headers().get("webhook-id"), Collectors.toList())));
        assertThat(idsByVersion.values()).allMatch(ids -> ids.stream().distinct().count() == 1);
    }

    @Test
    void aBackfillStoppedWithItsInstanceIsResumedByTheNextOneAndCountsEveryEntityOnce() {
        broker.afterPropertiesSet();
        String mongoUri = mongo.bindAndGetConnectionString();
        MongoTemplate store = new MongoTemplate(MongoClients.create(mongoUri), "fillonce-sync");
        int count = 2000;
        for (int i = 0; i < count; i++) {
            String key = "hh-" + String.format("%06d", i);
            publish(RecordEvents.record("household", key, 1, "{\"name\": \"household " + i + "\"}"));
        }
        publish(registry(RegistryEntries.department("resume")));
        sync = start(mongoUri, "--fillonce.sync.backfill.chunk=5", "--fillonce.sync.backfill.sweep=200ms");
        EntityStates states = sync.getBean(EntityStates.class);
        await().atMost(Duration.ofSeconds(90)).ignoreExceptionsInstanceOf(Unavailable.class).until(() -> IntStream
                .range(0, count).allMatch(i -> states.find("household", "hh-" + String.format("%06d", i)).isPresent()));
        publish(registry(RegistryEntries.subscription("sub-resume", "resume", "household",
                "{\"mc\": {\"from\": \"/name\"}}", "null", "[\"feed\"]")));

        await().atMost(Duration.ofSeconds(90)).until(() -> done(store) >= 50);
        sync.close();
        Document stopped = job(store);
        sync = start(mongoUri, "--fillonce.sync.backfill.sweep=200ms");
        await().atMost(Duration.ofSeconds(120)).until(() -> "DONE".equals(job(store).getString("state")));

        assertThat(stopped.getString("state")).isEqualTo("RUNNING");
        assertThat(done(stopped)).isLessThan(count);
        Document finished = job(store);
        assertThat(sum(finished, "shared")).isEqualTo(count);
        assertThat(sum(finished, "total")).isEqualTo(count);
        assertThat(committedMessages(Topics.department("resume"), count)).isEqualTo(count);
    }

    private static Document job(MongoTemplate store) {
        Document job = store.findById("backfill-sub-resume-initial", Document.class, "backfill_jobs");
        return job == null ? new Document() : job;
    }

    private static long done(MongoTemplate store) {
        return done(job(store));
    }

    private static long done(Document job) {
        return sum(job, "walked");
    }

    /** A count summed over the partitions' progress. */
    private static long sum(Document job, String count) {
        Document progress = job.get("progress", Document.class);
        return progress == null ? 0 : progress.values().stream()
                .mapToLong(p -> ((Document) p).get(count, Number.class).longValue()).sum();
    }

    /** The topic's committed messages, read from the start until {@code expected} came and a second brought no more. */
    private long committedMessages(String topic, int expected) {
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.getBrokersAsString(), ConsumerConfig.GROUP_ID_CONFIG, "count-" + UUID.randomUUID(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long[] count = {0};
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                count[0] += consumer.poll(Duration.ofMillis(200)).count();
                return count[0] >= expected;
            });
            count[0] += consumer.poll(Duration.ofSeconds(1)).count();
            return count[0];
        }
    }

    private long distinctIds() {
        return receiver.delivered("/hook").stream().map(Received::headers).map(h -> h.get("webhook-id")).distinct()
                .count();
    }

    private ConfigurableApplicationContext start(String mongoUri, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("--server.port=0",
                "--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(), "--spring.mongodb.uri=" + mongoUri,
                "--fillonce.sync.webhooks.allow-loopback=true"));
        args.addAll(List.of(more));
        return new SpringApplicationBuilder(SyncApplication.class).run(args.toArray(String[]::new));
    }

    private Entry department() {
        return new Entry("department/restart", """
                {"kind": "department", "id": "restart", "revision": 1, "updatedAt": "2026-11-27T08:00:02Z",
                 "state": {"code": "restart", "name": "Restart",
                           "webhook": %s}}"""
                .formatted(RegistryEntries.webhook("restart", receiver.url("/hook"),
                        "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")));
    }

    private static ProducerRecord<String, byte[]> registry(Entry entry) {
        return entry.message();
    }

    private void publish(ProducerRecord<String, byte[]> record) {
        TestKafka.publish(broker.getBrokersAsString(), record);
    }

    private static String entity() {
        return "3706021990" + String.format("%08d", Math.abs(UUID.randomUUID().getMostSignificantBits() % 100_000_000));
    }
}
