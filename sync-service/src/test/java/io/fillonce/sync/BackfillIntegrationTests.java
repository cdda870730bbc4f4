package io.fillonce.sync;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.fillonce.identity.TestCallers;
import io.fillonce.registryfeed.RegistryTopic;
import io.fillonce.sync.RegistryEntries.Entry;
import io.fillonce.sync.registry.RegistryView;
import io.fillonce.sync.state.EntityStates;
import io.fillonce.sync.system.Unavailable;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Backfill, re-sync and prefill on the in-process KRaft broker and the in-memory MongoDB wire server, read as a
 * department reads them (feed pages, committed topic messages). Each test has its own department, subscription and
 * region prefix, so their entities never meet one another's filters. Jobs walk in chunks of 20 entities, so live
 * records and job steps interleave.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {"fillonce.sync.backfill.chunk=20",
        "fillonce.sync.backfill.sweep=300ms"})
@EmbeddedKafka(topics = {RegistryTopic.NAME, Topics.RECORDS}, partitions = 3,
        bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@DirtiesContext
@TestMethodOrder(OrderAnnotation.class)
class BackfillIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final MongoServer MONGO = new MongoServer(new MemoryBackend());
    private static final String MONGO_URI = MONGO.bindAndGetConnectionString();
    /** Every entity the tests made. */
    private static final Set<String> MADE = ConcurrentHashMap.newKeySet();

    @Autowired
    private EmbeddedKafkaBroker broker;

    @Autowired
    private RegistryView view;

    @Autowired
    private EntityStates states;

    @LocalServerPort
    private int port;

    private KafkaProducer<String, byte[]> producer;

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry properties) {
        properties.add("spring.mongodb.uri", () -> MONGO_URI);
    }

    @BeforeEach
    void openProducer() {
        producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.getBrokersAsString(), ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(),
                new ByteArraySerializer());
    }

    @AfterEach
    void closeProducer() {
        producer.close();
    }

    @Test
    @Order(1)
    void aNewSubscriptionGetsEveryCurrentVersionOnceAndThenLiveUpdatesInOrderWithoutAGap() {
        List<String> included = entities("370602", 80);
        List<String> excluded = entities("379901", 40);
        publishVersions(included, 1, 2);
        publishVersions(excluded, 1, 2);
        awaitStates(included, 2);
        awaitStates(excluded, 2);

        register(RegistryEntries.department("late"), RegistryEntries.subscription("sub-late", "late", "resident",
                "{\"xm\": {\"from\": \"/name\"}, \"qy\": {\"from\": \"/regionCode\"}}",
                "{\"field\": \"/regionCode\", \"startsWith\": \"3706\"}", "[\"feed\", \"topic\"]"));
        List<String> racing = included.subList(0, 30);
        CompletableFuture<Void> live = CompletableFuture.runAsync(() -> {
            publishVersions(racing, 3, 5);
            publishVersions(excluded.subList(0, 10), 3, 3);
        });

        JsonNode job = awaitJob("backfill-sub-late-initial");
        live.join();
        Map<String, Long> current = new HashMap<>();
        included.forEach(e -> current.put(e, racing.contains(e) ? 5L : 2L));
        await().atMost(PATIENCE).until(() -> feedVersions("late").entrySet().stream()
                .filter(e -> current.containsKey(e.getKey()))
                .allMatch(e -> e.getValue().get(e.getValue().size() - 1).equals(current.get(e.getKey())))
                && feedVersions("late").keySet().containsAll(included));

        assertThat(job.path("total").longValue()).isEqualTo(included.size() + excluded.size());
        assertThat(job.path("total").longValue()).isEqualTo(job.path("enqueued").longValue()
                + job.path("skipped").longValue());
        assertThat(job.path("enqueued").longValue()).as("what live sharing had not sent yet")
                .isBetween((long) included.size() - racing.size(), (long) included.size());
        assertThat(job.path("partitionsDone").intValue()).isEqualTo(3);
        assertThat(job.path("trigger").stringValue()).isEqualTo("subscription-registered");
        assertThat(job.path("startedAt").isNull()).isFalse();
        assertThat(job.path("finishedAt").isNull()).isFalse();
        assertOnceInOrderWithoutGap(feedItems("late"), current, excluded);
        assertOnceInOrderWithoutGap(topicItems("late", feedItems("late").size()), current, excluded);
        JsonNode listed = JSON.readTree(get("/api/ops/backfills?subscription=sub-late", TestCallers.ops()).body());
        assertThat(listed.path("items").valueStream().map(j -> j.path("id").stringValue()))
                .containsExactly("backfill-sub-late-initial");
    }

    @Test
    @Order(2)
    void aBackfillAskedForAgainQueuesNothingTwice() throws InterruptedException {
        List<String> entities = entities("370603", 15);
        register(RegistryEntries.department("again"), RegistryEntries.subscription("sub-again", "again", "resident",
                "{\"xm\": {\"from\": \"/name\"}}", "{\"field\": \"/regionCode\", \"startsWith\": \"370603\"}",
                "[\"feed\"]"));
        publishVersions(entities, 1, 1);
        await().atMost(PATIENCE).until(() -> feedItems("again").size() == entities.size());
        awaitJob("backfill-sub-again-initial");

        HttpResponse<String> started = post("/api/ops/subscriptions/sub-again/backfill", TestCallers.ops());
        assertThat(started.statusCode()).isEqualTo(202);
        String location = started.headers().firstValue("Location").orElseThrow();
        JsonNode job = awaitJob(location.substring(location.lastIndexOf('/') + 1));
        Thread.sleep(500); // the point: a while after the job is done, still nothing more has reached the feed

        assertThat(job.path("enqueued").longValue()).as("every entity is current already").isZero();
        assertThat(job.path("skipped").longValue()).isEqualTo(job.path("total").longValue())
                .isGreaterThanOrEqualTo(entities.size());
        assertThat(job.path("requestedBy").stringValue()).isEqualTo("ops:o-1");
        assertThat(feedItems("again")).hasSize(entities.size());
        assertThat(post("/api/ops/subscriptions/sub-nope/backfill", TestCallers.ops()).statusCode()).isEqualTo(404);
    }

    @Test
    @Order(3)
    void laterDeliveriesUseAChangedMappingAndAReSyncSendsTheCurrentStateAgainUnderDerivedIds() {
        List<String> entities = entities("410101", 10);
        String fields = "{\"xm\": {\"from\": \"/name\"}}";
        String filter = "{\"field\": \"/regionCode\", \"startsWith\": \"4101\"}";
        register(RegistryEntries.department("remap"),
                RegistryEntries.subscription("sub-remap", "remap", "resident", fields, filter, "[\"feed\", \"topic\"]"));
        publishVersions(entities, 1, 1);
        await().atMost(PATIENCE).until(() -> feedItems("remap").size() == entities.size());

        register(RegistryEntries.subscription("sub-remap", "remap", "resident",
                "{\"xm\": {\"from\": \"/name\"}, \"qy\": {\"from\": \"/regionCode\"}}", filter, "[\"feed\", \"topic\"]"));
        await().atMost(PATIENCE).until(() -> view.subscription("sub-remap").orElseThrow().fields().toString()
                .contains("qy"));
        publishVersions(entities.subList(0, 1), 2, 2);
        await().atMost(PATIENCE).until(() -> feedItems("remap").size() == entities.size() + 1);
        assertThat(feedItems("remap")).filteredOn(i -> i.path("entityKey").stringValue().equals(entities.get(0))
                && i.path("version").longValue() == 2).singleElement().satisfies(i -> assertThat(i.path("data"))
                        .isEqualTo(JSON.readTree("{\"xm\": \"Li Mei\", \"qy\": \"410101\"}")));

        HttpResponse<String> started = post("/api/ops/subscriptions/sub-remap/resync", TestCallers.admin());
        assertThat(started.statusCode()).isEqualTo(202);
        String jobId = JSON.readTree(started.body()).path("id").stringValue();
        assertThat(started.headers().firstValue("Location")).hasValue("/api/ops/backfills/" + jobId);
        awaitJob(jobId);
        await().atMost(PATIENCE).until(() -> resyncs(feedItems("remap")).size() == entities.size());

        List<JsonNode> feed = feedItems("remap");
        assertThat(feed).extracting(i -> i.path("id").stringValue()).doesNotHaveDuplicates();
        for (JsonNode item : resyncs(feed)) {
            String original = item.path("resyncOf").stringValue();
            assertThat(item.path("id").stringValue()).isEqualTo(original + "~" + jobId);
            assertThat(original).endsWith(":" + item.path("version").longValue());
            assertThat(item.path("data")).isEqualTo(JSON.readTree("{\"xm\": \"Li Mei\", \"qy\": \"410101\"}"));
        }
        assertThat(resyncs(feed)).filteredOn(i -> i.path("entityKey").stringValue().equals(entities.get(0)))
                .singleElement().satisfies(i -> assertThat(i.path("version").longValue()).isEqualTo(2));
        assertVersionsNeverGoBack(feed);
        List<ConsumerRecord<String, String>> topic = topicMessages("remap", feed.size());
        assertThat(topic).filteredOn(m -> m.headers().lastHeader("ce_resyncof") != null).hasSize(entities.size())
                .allSatisfy(m -> assertThat(header(m, "ce_id")).isEqualTo(header(m, "ce_resyncof") + "~" + jobId));
    }

    @Test
    @Order(3)
    void aChangeThatAsksForAReSyncGetsOneJobThatSendsTheCurrentStateUnderTheNewMapping() {
        List<String> entities = entities("410201", 6);
        String filter = "{\"field\": \"/regionCode\", \"startsWith\": \"4102\"}";
        Entry subscription = RegistryEntries.subscription("sub-asked", "asked", "resident",
                "{\"xm\": {\"from\": \"/name\"}}", filter, "[\"feed\"]");
        register(RegistryEntries.department("asked"), subscription);
        publishVersions(entities, 1, 1);
        await().atMost(PATIENCE).until(() -> feedItems("asked").size() == entities.size());

        register(subscription.changedWithResync("{\"qy\": {\"from\": \"/regionCode\"}}", 2, 2));
        JsonNode job = awaitJob("resync-sub-asked-v2", "DONE", PATIENCE);
        assertThat(job.path("kind").stringValue()).isEqualTo("RESYNC");
        assertThat(job.path("trigger").stringValue()).isEqualTo("subscription-changed");
        await().atMost(PATIENCE).until(() -> resyncs(feedItems("asked")).size() == entities.size());
        assertThat(resyncs(feedItems("asked"))).allSatisfy(item -> {
            assertThat(item.path("data")).isEqualTo(JSON.readTree("{\"qy\": \"410201\"}"));
            assertThat(item.path("subscriptionVersion").intValue()).isEqualTo(2);
        });
        register(subscription.changedWithResync("{\"qy\": {\"from\": \"/regionCode\"}}", 2, 3));
        assertThat(get("/api/ops/backfills?subscription=sub-asked", TestCallers.ops()).body())
                .as("one re-sync per version asking for it").containsOnlyOnce("resync-sub-asked-v2");
    }

    @Test
    @Order(3)
    void aProposedCodeTableChangeIsCountedPerSubscriptionBeforeItIsMadeAndSendsNothing() {
        List<String> entities = entities("410301", 4);
        register(RegistryEntries.example("registry/code-table-gender-civil.json"), RegistryEntries.department("coded"),
                RegistryEntries.subscription("sub-coded", "coded", "resident", """
                        {"xm": {"from": "/name"}, "xb": {"from": "/gender", "codeTable": "gender-civil"}}""",
                        "{\"field\": \"/regionCode\", \"startsWith\": \"4103\"}", "[\"feed\"]"));
        publishVersions(entities, 1, 1);
        awaitStates(entities, 1);
        assertThat(feedItems("coded")).as("their gender is no code of the table: nothing can be mapped").isEmpty();

        HttpResponse<String> started = post("/api/ops/code-tables/gender-civil/impact", TestCallers.ops(),
                "{\"entries\": {\"F\": \"2\", \"M\": \"1\", \"CANARY-GENDER\": \"9\"}}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String id = JSON.readTree(started.body()).path("jobs").valueStream()
                .filter(job -> job.path("subscription").stringValue().equals("sub-coded")).findFirst().orElseThrow()
                .path("id").stringValue();
        JsonNode counted = awaitJob(id, "DONE", PATIENCE);
        assertThat(counted.path("kind").stringValue()).isEqualTo("IMPACT");
        assertThat(counted.path("affected").longValue()).as("the new code makes them mappable").isEqualTo(4);
        assertThat(feedItems("coded")).as("a count sends nothing").isEmpty();
    }

    @Test
    @Order(4)
    void prefillsTheDepartmentsOwnViewOfAnEntityItsFilterIncludes() {
        String included = entities("420101", 1).get(0);
        String excluded = entities("439901", 1).get(0);
        register(RegistryEntries.department("pre"), RegistryEntries.subscription("sub-pre", "pre", "resident",
                "{\"xm\": {\"from\": \"/name\"}, \"sj\": {\"from\": \"/phone\", \"transform\": \"mask\", "
                        + "\"keepPrefix\": 3, \"keepSuffix\": 4}}",
                "{\"field\": \"/regionCode\", \"startsWith\": \"42\"}", "[\"feed\"]"));
        publishVersions(List.of(included, excluded), 1, 3);
        awaitStates(List.of(included, excluded), 3);

        HttpResponse<String> own = get("/api/prefill/pre/resident/" + included, TestCallers.department("pre"));

        assertThat(own.statusCode()).isEqualTo(200);
        JsonNode prefill = JSON.readTree(own.body());
        assertThat(prefill.path("version").longValue()).isEqualTo(3);
        assertThat(prefill.path("eventId").stringValue()).isEqualTo("rec-" + included + ":3");
        assertThat(prefill.at("/subscriptions/0/data")).isEqualTo(JSON.readTree("""
                {"xm": "Li Mei", "sj": "138****1234"}"""));
        assertThat(own.body()).doesNotContain("CANARY").doesNotContain("13800001234");
        assertThat(get("/api/prefill/pre/resident/" + included, TestCallers.department("late")).statusCode())
                .isEqualTo(403);
        assertThat(get("/api/prefill/pre/resident/" + included, TestCallers.ops()).statusCode()).isEqualTo(403);
        assertThat(get("/api/prefill/pre/resident/" + excluded, TestCallers.department("pre")).statusCode())
                .isEqualTo(404);
        assertThat(get("/api/prefill/pre/resident/420101000000000000", TestCallers.department("pre")).statusCode())
                .isEqualTo(404);
        assertThat(get("/api/prefill/pre/household/" + included, TestCallers.department("pre")).statusCode())
                .isEqualTo(404);
    }

    @Test
    @Order(5)
    void measuresBackfillThroughput() {
        int count = 1000;
        List<String> keys = IntStream.range(0, count).mapToObj(i -> "hh-" + String.format("%06d", i)).toList();
        keys.forEach(key -> send(RecordEvents.record("household", key, 1,
                "{\"name\": \"household " + key + "\", \"note\": \"CANARY\"}")));
        producer.flush();
        await().atMost(PATIENCE).ignoreExceptionsInstanceOf(Unavailable.class)
                .until(() -> states.find("household", keys.get(count - 1)).isPresent());

        register(RegistryEntries.department("bulk"), RegistryEntries.subscription("sub-bulk", "bulk", "household",
                "{\"mc\": {\"from\": \"/name\"}}", "null", "[\"feed\"]"));
        JsonNode job = awaitJob("backfill-sub-bulk-initial", Duration.ofMinutes(4));

        assertThat(job.path("enqueued").longValue()).isEqualTo(count);
        assertThat(job.path("total").longValue()).isEqualTo(count);
        assertThat(feedItems("bulk")).hasSize(count).noneMatch(i -> i.toString().contains("CANARY"));
        Duration took = Duration.between(Instant.parse(job.path("startedAt").stringValue()),
                Instant.parse(job.path("finishedAt").stringValue()));
        System.out.printf("BACKFILL THROUGHPUT: %d entities in %d ms (job start to done, incl. the sweep that "
                + "notices it) = %.0f entities/s%n", count, took.toMillis(), count * 1000.0 / Math.max(1, took.toMillis()));
    }

    // ---- assertions

    private static void assertOnceInOrderWithoutGap(List<JsonNode> items, Map<String, Long> current,
            List<String> excluded) {
        assertThat(items).extracting(i -> i.path("id").stringValue()).doesNotHaveDuplicates();
        assertThat(items).extracting(i -> i.path("entityKey").stringValue()).doesNotContainAnyElementsOf(excluded);
        Map<String, List<Long>> versions = versionsByEntity(items);
        current.forEach((entity, version) -> {
            List<Long> got = versions.get(entity);
            assertThat(got).as("versions of %s", entity).isNotEmpty().endsWith(version);
            long first = got.get(0);
            assertThat(got).as("versions of %s, in order and without a gap", entity)
                    .containsExactlyElementsOf(IntStream.rangeClosed((int) first, version.intValue())
                            .mapToObj(Long::valueOf).toList());
        });
    }

    private static void assertVersionsNeverGoBack(List<JsonNode> items) {
        versionsByEntity(items).forEach((entity, versions) -> assertThat(versions).as("versions of %s", entity)
                .isSorted());
    }

    private static Map<String, List<Long>> versionsByEntity(List<JsonNode> items) {
        Map<String, List<Long>> versions = new HashMap<>();
        items.forEach(i -> versions.computeIfAbsent(i.path("entityKey").stringValue(), k -> new ArrayList<>())
                .add(i.path("version").longValue()));
        return versions;
    }

    private static List<JsonNode> resyncs(List<JsonNode> feed) {
        return feed.stream().filter(i -> i.hasNonNull("resyncOf")).toList();
    }

    // ---- the department's side

    private Map<String, List<Long>> feedVersions(String department) {
        return versionsByEntity(feedItems(department));
    }

    private List<JsonNode> feedItems(String department) {
        List<JsonNode> items = new ArrayList<>();
        String cursor = "";
        while (true) {
            JsonNode page = JSON.readTree(get("/api/feeds/" + department + "?limit=1000&after=" + cursor,
                    TestCallers.department(department)).body());
            page.path("items").forEach(items::add);
            if (page.path("items").isEmpty()) {
                return byEntity(department, items);
            }
            cursor = page.path("next").stringValue();
        }
    }

    /** The department topic's messages as feed-like items (id, entityKey, version), once {@code count} arrived. */
    private List<JsonNode> topicItems(String department, int count) {
        return byEntity(department, topicMessages(department, count).stream()
                .map(m -> (JsonNode) JSON.createObjectNode().put("id", header(m, "ce_id"))
                        .put("entityKey", m.key().substring("resident/".length()))
                        .put("version", Long.parseLong(header(m, "ce_entityversion")))).toList());
    }

    private List<ConsumerRecord<String, String>> topicMessages(String department, int count) {
        return TestKafka.readCommitted(broker.getBrokersAsString(), Topics.department(department), m -> true, count,
                PATIENCE, Duration.ofMillis(500));
    }

    // ---- the platform's side

    private JsonNode awaitJob(String id) {
        return awaitJob(id, PATIENCE);
    }

    private JsonNode awaitJob(String id, Duration patience) {
        return awaitJob(id, "DONE", patience);
    }

    /** Waits for the job to reach a state (DONE). */
    private JsonNode awaitJob(String id, String state, Duration patience) {
        await().atMost(patience).until(() -> {
            HttpResponse<String> job = get("/api/ops/backfills/" + id, TestCallers.ops());
            return job.statusCode() == 200 && JSON.readTree(job.body()).path("state").stringValue().equals(state);
        });
        return JSON.readTree(get("/api/ops/backfills/" + id, TestCallers.ops()).body());
    }

    private void awaitStates(List<String> entities, long version) {
        await().atMost(PATIENCE).ignoreExceptionsInstanceOf(Unavailable.class).until(() -> entities.stream().allMatch(e -> states.find("resident", e)
                .map(s -> s.version() == version).orElse(false)));
    }

    private void register(Entry... entries) {
        for (Entry entry : entries) {
            send(entry.message());
        }
        producer.flush();
        await().atMost(PATIENCE).until(() -> java.util.Arrays.stream(entries).map(Entry::key)
                .filter(k -> k.startsWith("subscription/"))
                .allMatch(k -> view.subscription(k.substring("subscription/".length())).isPresent()));
    }

    private void publishVersions(List<String> entities, int from, int to) {
        for (int version = from; version <= to; version++) {
            for (String entity : entities) {
                send(RecordEvents.resident(entity, version, entity.substring(0, 6)));
            }
        }
        producer.flush();
    }

    private void send(ProducerRecord<String, byte[]> record) {
        producer.send(record);
    }

    private static List<String> entities(String region, int count) {
        List<String> made = IntStream.range(0, count).mapToObj(i -> region + String.format("%012d",
                Math.abs(UUID.randomUUID().getLeastSignificantBits() % 1_000_000_000_000L))).toList();
        MADE.addAll(made);
        return made;
    }

    /**
     * The department's items with each pseudonym replaced by the entity it stands for: the department cannot tell,
     * but the test knows every entity it made.
     */
    private static List<JsonNode> byEntity(String department, List<JsonNode> items) {
        Map<String, String> entityOf = new HashMap<>();
        MADE.forEach(entity -> entityOf.put(TestSubjects.pseudonym(department, entity), entity));
        items.forEach(i -> ((ObjectNode) i).put("entityKey", entityOf.getOrDefault(i.path("entityKey").stringValue(),
                i.path("entityKey").stringValue())));
        return items;
    }

    private HttpResponse<String> get(String path, Map<String, String> headers) {
        return TestHttp.send(HttpRequest.newBuilder(uri(path)).GET(), headers);
    }

    private HttpResponse<String> post(String path, Map<String, String> headers, String json) {
        return TestHttp.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)), headers);
    }

    private HttpResponse<String> post(String path, Map<String, String> headers) {
        return TestHttp.send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()), headers);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static String header(ConsumerRecord<?, ?> message, String name) {
        return new String(message.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
