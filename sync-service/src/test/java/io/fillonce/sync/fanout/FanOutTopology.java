package io.fillonce.sync.fanout;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.fillonce.contracts.Contracts;
import io.fillonce.registryfeed.RegistryPosition;
import io.fillonce.sync.RegistryEntries;
import io.fillonce.sync.RegistryEntries.Entry;
import io.fillonce.sync.TestSubjects;
import io.fillonce.sync.Topics;
import io.fillonce.sync.backfill.ActiveJob;
import io.fillonce.sync.backfill.BackfillSettings;
import io.fillonce.sync.backfill.Backfills;
import io.fillonce.sync.backfill.JobKind;
import io.fillonce.sync.mapping.FieldHashes;
import io.fillonce.sync.mapping.MappingSettings;
import io.fillonce.sync.registry.RegistryView;
import io.fillonce.sync.state.EntityRecord;
import io.fillonce.telemetry.Traces;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * The fan-out topology on Kafka Streams' test driver, for tests that put records in and read department messages,
 * audit events and the state store out: the civil-affairs and health subscriptions are registered.
 */
abstract class FanOutTopology {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final BackfillSettings BACKFILL = new BackfillSettings(2, Duration.ofMillis(10),
            Duration.ofSeconds(5), Duration.ofSeconds(1));

    final RegistryView view = new RegistryView(event -> { }, RegistryEntries.SEALING);
    final RegistryPosition position = mock(RegistryPosition.class);
    final Backfills backfills = mock(Backfills.class);
    final DepartmentTopics topics = mock(DepartmentTopics.class);
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    TopologyTestDriver driver;
    TestInputTopic<byte[], byte[]> records;

    @BeforeEach
    void startTheTopology() throws Exception {
        when(position.awaitCurrent(any())).thenReturn(true);
        when(position.hasReached(any())).thenReturn(true);
        when(topics.ensure(anyString())).thenAnswer(call -> Topics.department(call.getArgument(0)));
        when(backfills.running()).thenReturn(List.of());
        feed(RegistryEntries.civilAffairs());
        feed(RegistryEntries.health());
        Sharing sharing = new Sharing(view, new FieldHashes(new MappingSettings(TestSubjects.HASH_SECRET)),
                TestSubjects.SUBJECTS, topics, JSON);
        StreamsBuilder builder = new StreamsBuilder();
        new FanOutStreams().fanOutTopology(builder, JSON, new RecordEventReader(JSON), view, position, sharing,
                backfills, BACKFILL, Traces.none(), meters);
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "fan-out-tests");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("fan-out-tests").toString());
        driver = new TopologyTestDriver(builder.build(), config);
        records = driver.createInputTopic(Topics.RECORDS, new ByteArraySerializer(), new ByteArraySerializer());
    }

    @AfterEach
    void stopTheTopology() {
        driver.close();
    }

    static ActiveJob job(String id, JobKind kind, String subscription) {
        return new ActiveJob(id, kind, subscription, "resident", Map.of("0", 1L), null);
    }

    /** Its record id is made from the ID number, for readable assertions (intake's are random). */
    void publish(String idNumber, int version, String region, String gender) {
        publish(idNumber, version, region, gender, "rec-" + idNumber);
    }

    void publish(String idNumber, int version, String region, String gender, String recordId) {
        publish(idNumber, version, region, gender, recordId, false);
    }

    /** A version that retracts the entity, as intake publishes it (same data, a {@code retraction}). */
    void retract(String idNumber, int version, String region, String gender) {
        publish(idNumber, version, region, gender, "rec-" + idNumber, true);
    }

    /** The entity's erased last version, as intake publishes it (channel erase, no data, an {@code erasure}). */
    void erase(String idNumber, int version) {
        ObjectNode value = (ObjectNode) Contracts.example("records/resident-upserted.json").get("value").deepCopy();
        value.put("recordId", "rec-" + idNumber).put("entityKey", idNumber).put("version", version)
                .put("channel", "erase").put("submittedBy", "admin:dpo").putObject("data");
        value.putObject("erasure").put("reason", "the resident asked").put("legalBasis", "PIPL art. 47")
                .put("by", "admin:dpo").put("at", "2026-12-07T09:00:00Z");
        assertThat(Contracts.violations(Contracts.RECORD_EVENT, value)).isEmpty();
        pipe(idNumber, version, "rec-" + idNumber, value);
    }

    private void publish(String idNumber, int version, String region, String gender, String recordId,
            boolean retracting) {
        JsonNode example = Contracts.example("records/resident-upserted.json");
        ObjectNode value = (ObjectNode) example.get("value").deepCopy();
        value.put("recordId", recordId).put("entityKey", idNumber).put("version", version);
        if (retracting) {
            value.put("channel", "retract").putObject("retraction").put("reason", "entered for the wrong person")
                    .put("by", "cadre:c-0001").put("at", "2026-12-07T09:00:00Z");
            assertThat(Contracts.violations(Contracts.RECORD_EVENT, value)).isEmpty();
        }
        ((ObjectNode) value.get("data")).put("idNumber", idNumber).put("regionCode", region).put("gender", gender);
        pipe(idNumber, version, recordId, value);
    }

    private void pipe(String idNumber, int version, String recordId, ObjectNode value) {
        RecordHeaders headers = recordHeaders(idNumber, version);
        headers.remove("ce_id").add("ce_id", (recordId + ":" + version).getBytes(StandardCharsets.UTF_8));
        records.pipeInput(new TestRecord<>(("resident/" + idNumber).getBytes(StandardCharsets.UTF_8),
                JSON.writeValueAsBytes(value), headers, (Long) null));
    }

    /** The headers a resident's record event carries (the contract example's), with its id and subject. */
    static RecordHeaders recordHeaders(String idNumber, int version) {
        RecordHeaders headers = new RecordHeaders();
        Contracts.example("records/resident-upserted.json").get("headers").properties().forEach(h -> headers.add(
                h.getKey(), h.getValue().stringValue().getBytes(StandardCharsets.UTF_8)));
        headers.remove("ce_id").add("ce_id", ("rec-" + idNumber + ":" + version).getBytes(StandardCharsets.UTF_8));
        headers.remove("ce_subject").add("ce_subject", ("resident/" + idNumber).getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    /** Any message at all on fillonce.records, written at {@code timestamp}. */
    void pipeRaw(byte[] key, byte[] value, RecordHeaders headers, long timestamp) {
        records.pipeInput(new TestRecord<>(key, value, headers, timestamp));
    }

    /** The messages written to fillonce.records.dead since the last call. */
    List<TestRecord<byte[], byte[]>> deadLetters() {
        return driver.createOutputTopic(Topics.RECORDS_DEAD, new ByteArrayDeserializer(), new ByteArrayDeserializer())
                .readRecordsToList();
    }

    /** The messages written to the department's topic since the last call. */
    List<TestRecord<String, byte[]>> messages(String department) {
        return driver.createOutputTopic(Topics.department(department), new StringDeserializer(),
                new ByteArrayDeserializer()).readRecordsToList();
    }

    EntityRecord entity(String idNumber) {
        KeyValueStore<String, EntityRecord> store = driver.getKeyValueStore(FanOutProcessor.ENTITIES);
        return store.get("resident/" + idNumber);
    }

    static String header(TestRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    void feed(Entry... entries) {
        for (Entry entry : entries) {
            view.apply(entry.entry());
        }
    }
}
