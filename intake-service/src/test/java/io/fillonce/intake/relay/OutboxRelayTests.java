package io.fillonce.intake.relay;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.ExecutionException;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.fillonce.intake.IntakeProperties;
import io.fillonce.intake.record.OutboxEvent;
import io.fillonce.intake.record.RecordDocument;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

class OutboxRelayTests {

    private static final MongoServer SERVER = new MongoServer(new MemoryBackend());

    private static MongoClient client;

    private final RecordEventPublisher publisher = mock(RecordEventPublisher.class);

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    private MongoTemplate mongo;

    private OutboxRelay relay;

    @BeforeAll
    static void startMongo() {
        client = MongoClients.create("mongodb://127.0.0.1:" + SERVER.bind().getPort());
    }

    @AfterAll
    static void stopMongo() {
        client.close();
        SERVER.shutdownNow();
    }

    @BeforeEach
    void emptyStore() {
        mongo = new MongoTemplate(client, "relay-tests");
        mongo.dropCollection(RecordDocument.class);
        IntakeProperties properties = new IntakeProperties(DataSize.ofMegabytes(1),
                new IntakeProperties.Relay(java.time.Duration.ofMillis(200), 100, java.time.Duration.ofSeconds(5)));
        relay = new OutboxRelay(mongo, publisher, properties, meters);
    }

    @Test
    void publishesPendingEventsInVersionOrderThenRemovesThem() throws Exception {
        storeWithPending("resident/1", 2, 1);

        relay.relay();

        InOrder order = inOrder(publisher);
        order.verify(publisher).publish(any(), argThat(event -> event.eventId().equals("rec-resident/1:1")));
        order.verify(publisher).publish(any(), argThat(event -> event.eventId().equals("rec-resident/1:2")));
        assertThat(pending("resident/1")).isEmpty();
        assertThat(backlog()).isZero();
    }

    @Test
    void keepsEventsUntilKafkaAcknowledgesThem() throws Exception {
        storeWithPending("resident/2", 1, 2);
        willThrow(new ExecutionException(new org.apache.kafka.common.errors.TimeoutException("broker away")))
                .given(publisher).publish(any(), any());

        relay.relay();

        verify(publisher, never()).publish(any(), argThat(event -> event.version() == 2));
        assertThat(pending("resident/2")).extracting(OutboxEvent::version).containsExactly(1, 2);
        assertThat(backlog()).isEqualTo(2);

        org.mockito.Mockito.reset(publisher);
        relay.relay();

        assertThat(pending("resident/2")).isEmpty();
        assertThat(backlog()).isZero();
    }

    @Test
    void stopsTheRoundWhileKafkaIsAway() throws Exception {
        storeWithPending("resident/4", 1);
        storeWithPending("resident/5", 1);
        willThrow(new ExecutionException(new org.apache.kafka.common.errors.TimeoutException("broker away")))
                .given(publisher).publish(any(), any());

        relay.relay();

        verify(publisher, org.mockito.Mockito.times(1)).publish(any(), any());
        assertThat(backlog()).isEqualTo(2);
    }

    @Test
    void goesOnWithOtherEntitiesWhenKafkaRefusesOneEvent() throws Exception {
        storeWithPending("resident/6", 1, 2);
        storeWithPending("resident/7", 1);
        willThrow(new ExecutionException(new RecordTooLargeException("too large")))
                .given(publisher).publish(any(), argThat(event -> event.eventId().equals("rec-resident/6:1")));

        relay.relay();

        verify(publisher, never()).publish(any(), argThat(event -> event.eventId().equals("rec-resident/6:2")));
        assertThat(pending("resident/6")).extracting(OutboxEvent::version).containsExactly(1, 2);
        assertThat(pending("resident/7")).isEmpty();
        assertThat(backlog()).isEqualTo(2);
    }

    @Test
    void makesAConcurrentWriterOfTheSameEntityReadAgain() {
        storeWithPending("resident/3", 1);
        RecordDocument readBeforeRelay = mongo.findById("resident/3", RecordDocument.class);

        relay.relay();

        assertThatExceptionOfType(OptimisticLockingFailureException.class).isThrownBy(() -> mongo.save(readBeforeRelay));
    }

    private void storeWithPending(String id, int... versions) {
        List<Document> outbox = java.util.Arrays.stream(versions)
                .mapToObj(version -> new Document("eventId", "rec-" + id + ":" + version).append("version", version)
                        .append("time", Date.from(Instant.parse("2026-11-27T08:15:30.123Z")))
                        .append("payload", "{\"version\":" + version + "}"))
                .toList();
        mongo.getCollection(RecordDocument.COLLECTION).insertOne(new Document("_id", id)
                .append("recordId", "rec-" + id).append("type", "resident").append("entityKey", id.substring(9))
                .append("typeVersion", 1).append("version", 2).append("data", "{}")
                .append("submittedBy", "cadre:c-0001").append("channel", "api").append("outbox", outbox)
                .append("revision", 0L));
    }

    private List<OutboxEvent> pending(String id) {
        return mongo.findById(id, RecordDocument.class).getOutbox();
    }

    private double backlog() {
        return meters.get("fillonce.relay.backlog").gauge().value();
    }
}
