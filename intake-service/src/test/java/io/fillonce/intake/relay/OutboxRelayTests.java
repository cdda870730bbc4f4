package io.fillonce.intake.relay;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.fillonce.intake.IntakeProperties;
import io.fillonce.intake.record.OutboxEvent;
import io.fillonce.intake.record.RecordDocument;
import io.fillonce.intake.record.RecordVersions;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;
import org.mockito.Mockito;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.BDDMockito.willReturn;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

class OutboxRelayTests {

    private static final MongoServer SERVER = new MongoServer(new MemoryBackend());

    private static MongoClient client;

    private final RecordEventPublisher publisher = acknowledging();

    private static final Duration LEASE = Duration.ofSeconds(30);

    private final RecordVersions versions = mock(RecordVersions.class);

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
        mongo.dropCollection(RelayLease.COLLECTION);
        relay = relay(publisher, "intake-a", Clock.systemUTC());
    }

    private static RecordEventPublisher acknowledging() {
        return mock(RecordEventPublisher.class, invocation -> CompletableFuture.completedFuture(null));
    }

    private OutboxRelay relay(RecordEventPublisher events, String owner, Clock clock) {
        return relay(events, owner, clock, new IntakeProperties.Relay(Duration.ofMillis(200), 100,
                Duration.ofSeconds(5), LEASE, DataSize.ofMegabytes(8), Duration.ofSeconds(10)));
    }

    private OutboxRelay relay(RecordEventPublisher events, String owner, Clock clock, IntakeProperties.Relay settings) {
        IntakeProperties properties = new IntakeProperties(DataSize.ofMegabytes(1), settings,
                new IntakeProperties.Idempotency(Duration.ofHours(24), Duration.ofSeconds(10), Duration.ofMinutes(10)),
                DataSize.ofMegabytes(256),
                new IntakeProperties.Jobs(Duration.ofSeconds(10), Duration.ofMinutes(2), Duration.ofSeconds(30)));
        return new OutboxRelay(mongo, events, versions, new RelayLease(mongo, LEASE, clock, owner), properties,
                new SimpleMeterRegistry());
    }

    @Test
    void publishesPendingEventsInVersionOrderThenRemovesThem() throws Exception {
        storeWithPending("resident/1", 2, 1);

        relay.relay();

        InOrder order = inOrder(publisher);
        order.verify(publisher).send(any(), argThat(event -> event.eventId().equals("rec-resident/1:1")));
        order.verify(publisher).send(any(), argThat(event -> event.eventId().equals("rec-resident/1:2")));
        assertThat(pending("resident/1")).isEmpty();
        assertThat(backlog()).isZero();
    }

    @Test
    void keepsEventsUntilKafkaAcknowledgesThem() throws Exception {
        storeWithPending("resident/2", 1, 2);
        willReturn(failed(new TimeoutException("broker away"))).given(publisher).send(any(), any());

        relay.relay();

        verify(publisher, never()).send(any(), argThat(event -> event.version() == 2));
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
        willReturn(failed(new TimeoutException("broker away"))).given(publisher).send(any(), any());

        relay.relay();

        verify(publisher, org.mockito.Mockito.times(1)).send(any(), any());
        assertThat(backlog()).isEqualTo(2);
    }

    @Test
    void goesOnWithOtherEntitiesWhenKafkaRefusesOneEvent() throws Exception {
        storeWithPending("resident/6", 1, 2);
        storeWithPending("resident/7", 1);
        willReturn(failed(new RecordTooLargeException("too large"))).given(publisher)
                .send(any(), argThat(event -> event.eventId().equals("rec-resident/6:1")));

        relay.relay();

        verify(publisher, never()).send(any(), argThat(event -> event.eventId().equals("rec-resident/6:2")));
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

    @Test
    void keepsEachVersionInTheHistoryBeforePublishingIt() throws Exception {
        storeWithPending("resident/8", 1, 2);

        relay.relay();

        InOrder order = inOrder(versions, publisher);
        order.verify(versions).keepAll(argThat(events -> events.stream().map(OutboxEvent::eventId).toList()
                .equals(List.of("rec-resident/8:1", "rec-resident/8:2"))));
        order.verify(publisher).send(any(), argThat(event -> event.eventId().equals("rec-resident/8:1")));
        order.verify(publisher).send(any(), argThat(event -> event.eventId().equals("rec-resident/8:2")));
    }

    @Test
    void twoRelaysNeverBothPublish() throws Exception {
        RecordEventPublisher otherPublisher = acknowledging();
        OutboxRelay other = relay(otherPublisher, "intake-b", Clock.systemUTC());
        for (int i = 0; i < 20; i++) {
            storeWithPending("resident/l" + i, 1, 2);
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> rounds = List.of(pool.submit(() -> rounds(start, relay)), pool.submit(() -> rounds(start, other)));
        start.countDown();
        for (Future<?> round : rounds) {
            round.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();

        List<String> first = published(publisher);
        List<String> second = published(otherPublisher);
        assertThat(first.isEmpty() || second.isEmpty()).as("only one relay published: %s / %s", first, second).isTrue();
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        assertThat(all).hasSize(40).doesNotHaveDuplicates();
    }

    @Test
    void anotherInstanceTakesOverOnlyOnceTheLeaseExpired() throws Exception {
        storeWithPending("resident/9", 1);
        relay.relay();
        storeWithPending("resident/10", 1);
        RecordEventPublisher otherPublisher = acknowledging();
        Instant now = Instant.now();

        relay(otherPublisher, "intake-b", Clock.fixed(now.plus(LEASE).minusSeconds(5), ZoneOffset.UTC)).relay();
        verify(otherPublisher, never()).send(any(), any());

        relay(otherPublisher, "intake-b", Clock.fixed(now.plus(LEASE).plusSeconds(1), ZoneOffset.UTC)).relay();
        verify(otherPublisher).send(any(), argThat(event -> event.eventId().equals("rec-resident/10:1")));
    }

    @Test
    void releasingTheLeaseLetsAnotherInstanceRelayAtOnce() throws Exception {
        relay.relay();
        relay.stop();
        storeWithPending("resident/11", 1);
        RecordEventPublisher otherPublisher = acknowledging();

        relay(otherPublisher, "intake-b", Clock.systemUTC()).relay();

        verify(otherPublisher).send(any(), argThat(event -> event.eventId().equals("rec-resident/11:1")));
    }

    @Test
    void sendsAWholeWaveBeforeWaitingForAnyAcknowledgement() throws Exception {
        for (int i = 0; i < 3; i++) {
            storeWithPending("resident/w" + i, 1);
        }
        List<CompletableFuture<Object>> unacknowledged = new CopyOnWriteArrayList<>();
        RecordEventPublisher pipelined = mock(RecordEventPublisher.class, invocation -> {
            CompletableFuture<Object> ack = new CompletableFuture<>();
            unacknowledged.add(ack);
            return ack;
        });
        OutboxRelay relay = relay(pipelined, "intake-a", Clock.systemUTC());
        ExecutorService pool = Executors.newSingleThreadExecutor();
        Future<?> round = pool.submit(relay::relay);
        for (int i = 0; i < 100 && unacknowledged.size() < 3; i++) {
            Thread.sleep(50);
        }
        assertThat(unacknowledged).as("all three sent while none is acknowledged").hasSize(3);
        assertThat(round).isNotDone();

        unacknowledged.forEach(ack -> ack.complete(null));
        round.get(10, TimeUnit.SECONDS);
        pool.shutdown();
        assertThat(relay.backlog()).isZero();
    }

    @Test
    void sendsAnEntitysNextVersionOnlyOnceTheLastOneIsAcknowledged() throws Exception {
        storeWithPending("resident/12", 1, 2);
        willReturn(new CompletableFuture<>()).given(publisher).send(any(), argThat(event -> event.version() == 1));
        OutboxRelay relay = relay(publisher, "intake-a", Clock.systemUTC(), new IntakeProperties.Relay(
                Duration.ofMillis(200), 100, Duration.ofMillis(300), LEASE, DataSize.ofMegabytes(8),
                Duration.ofSeconds(10)));

        relay.relay();

        verify(publisher, never()).send(any(), argThat(event -> event.version() == 2));
        assertThat(pending("resident/12")).extracting(OutboxEvent::version).containsExactly(1, 2);
    }

    @Test
    void aRoundTakesAtMostBatchSizeEntitiesAndRoundBytesOfEvents() throws Exception {
        for (int i = 0; i < 5; i++) {
            storeWithPending("resident/b" + i, 1);
        }
        relay(publisher, "intake-a", Clock.systemUTC(), new IntakeProperties.Relay(Duration.ofMillis(200), 2,
                Duration.ofSeconds(5), LEASE, DataSize.ofMegabytes(8), Duration.ofSeconds(10))).relay();
        verify(publisher, times(2)).send(any(), any());

        relay(publisher, "intake-a", Clock.systemUTC(), new IntakeProperties.Relay(Duration.ofMillis(200), 100,
                Duration.ofSeconds(5), LEASE, DataSize.ofBytes(1), Duration.ofSeconds(10))).relay();
        verify(publisher, times(3)).send(any(), any());
    }

    @Test
    void countsTheBacklogOnItsOwnScheduleWhileRoundsCannotSeeItAll() {
        for (int i = 0; i < 3; i++) {
            storeWithPending("resident/c" + i, 1, 2);
        }
        OutboxRelay relay = relay(publisher, "intake-a", Clock.systemUTC(), new IntakeProperties.Relay(
                Duration.ofMillis(200), 2, Duration.ofSeconds(5), LEASE, DataSize.ofMegabytes(8),
                Duration.ofSeconds(10)));
        relay.countBacklog();
        assertThat(relay.backlog()).isEqualTo(6);

        relay.relay();
        assertThat(relay.backlog()).as("a full round does not know what lies beyond it").isEqualTo(6);
        relay.countBacklog();
        assertThat(relay.backlog()).isEqualTo(2);

        relay.relay();
        assertThat(relay.backlog()).as("a round that saw every pending entity knows").isZero();
    }

    private static CompletableFuture<Object> failed(Exception e) {
        return CompletableFuture.failedFuture(e);
    }

    private static void rounds(CountDownLatch start, OutboxRelay relay) {
        try {
            start.await();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        for (int i = 0; i < 5; i++) {
            relay.relay();
        }
    }

    private static List<String> published(RecordEventPublisher publisher) {
        return Mockito.mockingDetails(publisher).getInvocations().stream()
                .filter(invocation -> invocation.getMethod().getName().equals("send"))
                .map(invocation -> ((OutboxEvent) invocation.getArgument(1)).eventId())
                .toList();
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
        return relay.backlog();
    }
}
