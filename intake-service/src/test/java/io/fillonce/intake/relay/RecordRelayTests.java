package io.fillonce.intake.relay;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import io.fillonce.intake.InMemoryMongo;
import io.fillonce.intake.IntakeProperties;
import io.fillonce.intake.MovableClock;
import io.fillonce.intake.record.Outbox;
import io.fillonce.intake.record.OutboxEvent;
import io.fillonce.intake.record.OutboxUnavailable;
import io.fillonce.intake.record.RecordDocument;
import io.fillonce.intake.record.RecordEvents;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.awaitility.Awaitility;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mockito.Mockito;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willReturn;
import static org.mockito.Mockito.mock;

/**
 * The relay on the MongoDB wire server with a publisher standing in for Kafka: hand-over, per-entity order,
 * recovery of failed and of dead instances' claims, fencing and the backlog gauge. Instances are several relays
 * on one MongoDB, each with its own clock.
 */
class RecordRelayTests {

    @RegisterExtension
    static final InMemoryMongo MONGO = new InMemoryMongo();

    private static final Duration STALE_AFTER = Duration.ofSeconds(30);

    private final List<Node> nodes = new ArrayList<>();

    private MongoTemplate mongo;

    @BeforeEach
    void emptyStore() {
        mongo = MONGO.emptyDatabase("relay-tests");
    }

    @AfterEach
    void stopNodes() {
        nodes.forEach(Node::stop);
    }

    @Test
    void publishesAHandedOverEntitysEventsInVersionOrderThenDeletesTheClaimWithoutWritingTheRecord() {
        Node a = node("intake-a", acknowledging());
        Outbox.Claim claim = claim(a, "resident/1");
        RecordDocument written = store("resident/1", event(1, claim), event(2, claim));

        a.relay().written(claim, List.of(written), false);

        await(() -> claimGone(claim));
        assertThat(published(a)).containsExactly("rec-resident/1:1", "rec-resident/1:2");
        assertThat(mongo.findById("resident/1", RecordDocument.class).getRevision())
                .as("publishing costs no write to the record").isZero();
    }

    @Test
    void keepsTheClaimUntilKafkaAcknowledgesAndThenPublishesFromMongo() {
        Node a = node("intake-a", acknowledging(), Clock.systemUTC(), settings(Duration.ZERO));
        willReturn(CompletableFuture.failedFuture(new TimeoutException("broker away"))).given(a.publisher())
                .send(any(), any());
        Outbox.Claim claim = claim(a, "resident/2");
        RecordDocument written = store("resident/2", event(1, claim), event(2, claim));

        a.relay().written(claim, List.of(written), false);

        await(() -> a.relay().due(claim.id()));
        assertThat(published(a)).as("v2 waits behind v1").containsExactly("rec-resident/2:1");
        assertThat(claimGone(claim)).isFalse();

        Mockito.reset(a.publisher());
        a.recovery().scan();

        await(() -> claimGone(claim));
        assertThat(published(a)).containsExactly("rec-resident/2:1", "rec-resident/2:2");
    }

    @Test
    void goesOnWithOtherEntitiesWhenKafkaRefusesOneEvent() {
        Node a = node("intake-a", acknowledging());
        willReturn(CompletableFuture.failedFuture(new RecordTooLargeException("too large"))).given(a.publisher())
                .send(any(), argThat(event -> event.eventId().equals("rec-resident/6:1")));
        Outbox.Claim claim = claim(a, "resident/6", "resident/7");
        RecordDocument refused = store("resident/6", event(1, claim), event(2, claim));
        RecordDocument other = store("resident/7", event(1, claim));

        a.relay().written(claim, List.of(refused, other), false);

        await(() -> a.relay().due(claim.id()));
        assertThat(published(a)).containsExactlyInAnyOrder("rec-resident/6:1", "rec-resident/7:1");
        assertThat(claimGone(claim)).as("the refused event stays pending").isFalse();
    }

    @Test
    void sendsAWholeChunkBeforeWaitingForAnyAcknowledgement() {
        List<CompletableFuture<Object>> unacknowledged = new CopyOnWriteArrayList<>();
        Node a = node("intake-a", mock(RecordEventPublisher.class, invocation -> {
            CompletableFuture<Object> ack = new CompletableFuture<>();
            unacknowledged.add(ack);
            return ack;
        }));
        Outbox.Claim claim = claim(a, "resident/w0", "resident/w1", "resident/w2");
        List<RecordDocument> written = List.of(store("resident/w0", event(1, claim)),
                store("resident/w1", event(1, claim)), store("resident/w2", event(1, claim)));

        a.relay().written(claim, written, false);

        await(() -> unacknowledged.size() == 3);
        assertThat(claimGone(claim)).isFalse();
        unacknowledged.forEach(ack -> ack.complete(null));
        await(() -> claimGone(claim));
    }

    @Test
    void sendsAnEntitysNextVersionOnlyOnceTheLastOneIsAcknowledged() {
        CompletableFuture<Object> first = new CompletableFuture<>();
        Node a = node("intake-a", acknowledging());
        willReturn(first).given(a.publisher()).send(any(), argThat(event -> event.version() == 1));
        Outbox.Claim claim = claim(a, "resident/12");

        a.relay().written(claim, List.of(store("resident/12", event(1, claim), event(2, claim))), false);

        // proves a version 2 held back: version 1 goes out and, unacknowledged, stays the only one for a while
        Awaitility.await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(10))
                .until(() -> published(a), sent -> sent.equals(List.of("rec-resident/12:1")));
        first.complete(null);
        await(() -> claimGone(claim));
        assertThat(published(a)).containsExactly("rec-resident/12:1", "rec-resident/12:2");
    }

    @Test
    void publishesAnEarlierVersionStillPendingUnderAnotherClaimFirst() {
        Node a = node("intake-a", acknowledging());
        Node b = node("intake-b", acknowledging());
        Outbox.Claim ofA = claim(a, "resident/13");
        Outbox.Claim ofB = claim(b, "resident/13");
        RecordDocument written = store("resident/13", event(1, ofA), event(2, ofB));

        b.relay().written(ofB, List.of(written), false);

        await(() -> claimGone(ofB));
        assertThat(published(b)).as("v2 only after v1 was published at least once")
                .containsExactly("rec-resident/13:1", "rec-resident/13:2");
    }

    @Test
    void recoveryLeavesOutEventsWhoseClaimIsGoneAndThoseAfterItsOwn() {
        Node dead = node("intake-dead", acknowledging(), fixed(Instant.now().minus(STALE_AFTER.multipliedBy(2))),
                settings(Duration.ofSeconds(2)));
        Outbox.Claim mine = claim(dead, "resident/14");
        store("resident/14", event(1, new Outbox.Claim("claim-published-long-ago")), event(2, mine),
                event(3, new Outbox.Claim("claim-of-a-later-writer")));
        Node b = node("intake-b", acknowledging());

        b.recovery().scan();

        await(() -> claimGone(mine));
        assertThat(published(b)).containsExactly("rec-resident/14:2");
    }

    @Test
    void takesOverTheClaimsOfAnInstanceOnlyOnceItsHeartbeatIsStale() {
        Instant now = Instant.now();
        Node dying = node("intake-a", acknowledging(), fixed(now), settings(Duration.ofSeconds(2)));
        Outbox.Claim claim = claim(dying, "resident/15");
        store("resident/15", event(1, claim));
        // ... and it dies between its write and handing the document over

        Node early = node("intake-b", acknowledging(), fixed(now.plus(STALE_AFTER).minusSeconds(5)),
                settings(Duration.ofSeconds(2)));
        early.recovery().scan();
        assertThat(published(early)).isEmpty();
        assertThat(mongo.findById(claim.id(), ClaimDocument.class).owner()).isEqualTo("intake-a");

        Node late = node("intake-c", acknowledging(), fixed(now.plus(STALE_AFTER).plusSeconds(1)),
                settings(Duration.ofSeconds(2)));
        late.recovery().scan();
        await(() -> claimGone(claim));
        assertThat(published(late)).containsExactly("rec-resident/15:1");
    }

    @Test
    void theClaimsOfAnInstanceThatLeftAreTakenOverAtOnce() {
        Node leaving = node("intake-a", acknowledging());
        Outbox.Claim claim = claim(leaving, "resident/16");
        store("resident/16", event(1, claim));
        leaving.instance().leave();

        Node b = node("intake-b", acknowledging());
        b.recovery().scan();

        await(() -> claimGone(claim));
        assertThat(published(b)).containsExactly("rec-resident/16:1");
    }

    @Test
    void twoInstancesNeverTakeOverTheSameClaim() throws Exception {
        Node dead = node("intake-dead", acknowledging(), fixed(Instant.now().minus(STALE_AFTER.multipliedBy(2))),
                settings(Duration.ofSeconds(2)));
        List<Outbox.Claim> claims = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Outbox.Claim claim = claim(dead, "resident/t" + i);
            store("resident/t" + i, event(1, claim));
            claims.add(claim);
        }
        Node b = node("intake-b", acknowledging());
        Node c = node("intake-c", acknowledging());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> scans = List.of(pool.submit(() -> scanAfter(start, b)), pool.submit(() -> scanAfter(start, c)));
        start.countDown();
        for (Future<?> scan : scans) {
            scan.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();

        await(() -> claims.stream().allMatch(this::claimGone));
        List<String> all = new ArrayList<>(published(b));
        all.addAll(published(c));
        assertThat(all).hasSize(20).doesNotHaveDuplicates();
    }

    @Test
    void fencesWritesOnceItsHeartbeatLapsedUntilItClaimsAgain() {
        MovableClock clock = new MovableClock(Instant.now());
        Node a = node("intake-a", acknowledging(), clock, settings(Duration.ofSeconds(2)));
        claim(a, "resident/17");
        a.relay().fence();

        clock.advance(STALE_AFTER.dividedBy(2).plusSeconds(1));

        assertThatExceptionOfType(OutboxUnavailable.class).isThrownBy(() -> a.relay().fence());
        claim(a, "resident/18");
        a.relay().fence();
    }

    @Test
    void leavesAHandOverWithoutRoomToTheNextScan() {
        CompletableFuture<Object> slow = new CompletableFuture<>();
        Node a = node("intake-a", acknowledging(), Clock.systemUTC(), new IntakeProperties.Relay(
                Duration.ofSeconds(1), Duration.ofSeconds(5), STALE_AFTER, Duration.ZERO, DataSize.ofKilobytes(1),
                Duration.ofSeconds(10)));
        willReturn(slow).given(a.publisher()).send(any(), argThat(event -> event.eventId().startsWith("rec-resident/19")));
        Outbox.Claim full = claim(a, "resident/19");
        a.relay().written(full, List.of(store("resident/19", event(1, full))), false);
        Outbox.Claim waiting = claim(a, "resident/20");

        a.relay().written(waiting, List.of(store("resident/20", event(1, waiting))), false);

        assertThat(published(a)).containsExactly("rec-resident/19:1");
        slow.complete(null);
        await(() -> claimGone(full));
        a.recovery().scan();
        await(() -> claimGone(waiting));
        assertThat(published(a)).containsExactly("rec-resident/19:1", "rec-resident/20:1");
    }

    @Test
    void countsTheBacklogFromThePendingClaims() {
        Node a = node("intake-a", acknowledging());
        Outbox.Claim three = new Outbox.Claim("claim-three");
        a.relay().claim(three, List.of("resident/21", "resident/22"), 3);
        a.relay().claim(new Outbox.Claim("claim-two"), List.of("resident/23"), 2);

        a.recovery().scan();
        assertThat(a.recovery().backlog()).isEqualTo(5);

        a.relay().written(three, List.of(store("resident/21", event(1, three), event(2, three)),
                store("resident/22", event(1, three))), false);
        await(() -> claimGone(three));
        a.recovery().scan();
        assertThat(a.recovery().backlog()).isEqualTo(2);
    }

    @Test
    void agesTheOldestPendingClaimAndIsZeroWithoutAny() {
        MovableClock clock = new MovableClock(Instant.now());
        Node a = node("intake-a", acknowledging(), clock, settings(Duration.ofSeconds(2)));
        a.recovery().scan();
        assertThat(a.recovery().oldestSeconds()).isZero();

        a.relay().claim(new Outbox.Claim("claim-older"), List.of("resident/31"), 1);
        clock.advance(Duration.ofMillis(4500));
        a.relay().claim(new Outbox.Claim("claim-newer"), List.of("resident/32"), 1);
        clock.advance(Duration.ofSeconds(3));
        a.recovery().scan();

        assertThat(a.recovery().oldestSeconds()).isEqualTo(7.5);
    }

    private Node node(String id, RecordEventPublisher publisher) {
        return node(id, publisher, Clock.systemUTC(), settings(Duration.ofSeconds(2)));
    }

    private Node node(String id, RecordEventPublisher publisher, Clock clock, IntakeProperties.Relay settings) {
        RelayInstance instance = new RelayInstance(mongo, settings.staleAfter(), clock, id);
        Claims claims = new Claims(mongo);
        RecordEvents events = mock(RecordEvents.class);
        given(events.withPayloads(any(), any())).willAnswer(invocation -> invocation.getArgument(1));
        RecordRelay relay = new RecordRelay(claims, instance, new RelayReads(mongo), events, publisher, settings,
                clock);
        Node node = new Node(publisher, instance, relay,
                new ClaimRecovery(claims, instance, relay, new SimpleMeterRegistry()));
        nodes.add(node);
        return node;
    }

    private static IntakeProperties.Relay settings(Duration retryAfter) {
        return new IntakeProperties.Relay(Duration.ofSeconds(1), Duration.ofSeconds(5), STALE_AFTER, retryAfter,
                DataSize.ofMegabytes(16), Duration.ofSeconds(10));
    }

    private static RecordEventPublisher acknowledging() {
        return mock(RecordEventPublisher.class, invocation -> CompletableFuture.completedFuture(null));
    }

    private static Outbox.Claim claim(Node node, String... subjects) {
        Outbox.Claim claim = Outbox.Claim.next();
        node.relay().claim(claim, Arrays.asList(subjects), subjects.length);
        return claim;
    }

    private static Document event(int version, Outbox.Claim claim) {
        return new Document("version", version).append("claim", claim.id());
    }

    /** A record document as a write under these events' claims left it. */
    private RecordDocument store(String id, Document... events) {
        List<Document> outbox = Arrays.stream(events)
                .map(event -> new Document("eventId", "rec-" + id + ":" + event.getInteger("version"))
                        .append("version", event.getInteger("version"))
                        .append("time", Date.from(Instant.parse("2026-11-27T08:15:30.123Z")))
                        .append("payload", "{\"version\":" + event.getInteger("version") + "}")
                        .append("claim", event.getString("claim")))
                .toList();
        mongo.getCollection(RecordDocument.COLLECTION).insertOne(new Document("_id", id)
                .append("recordId", "rec-" + id).append("type", "resident").append("entityKey", id.substring(9))
                .append("typeVersion", 1).append("version", events.length).append("data", "{}")
                .append("submittedBy", "cadre:c-0001").append("channel", "api").append("outbox", outbox)
                .append("revision", 0L));
        return mongo.findById(id, RecordDocument.class);
    }

    private boolean claimGone(Outbox.Claim claim) {
        return mongo.findById(claim.id(), ClaimDocument.class) == null;
    }

    private static List<String> published(Node node) {
        return Mockito.mockingDetails(node.publisher()).getInvocations().stream()
                .filter(invocation -> invocation.getMethod().getName().equals("send"))
                .map(invocation -> ((OutboxEvent) invocation.getArgument(1)).eventId())
                .toList();
    }

    private static void scanAfter(CountDownLatch start, Node node) {
        try {
            start.await();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        node.recovery().scan();
    }

    private static void await(BooleanSupplier condition) {
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(condition::getAsBoolean);
    }

    private static Clock fixed(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }

    /** One intake instance's relay: its instance document, relay and recovery scan, on the shared MongoDB. */
    private record Node(RecordEventPublisher publisher, RelayInstance instance, RecordRelay relay,
            ClaimRecovery recovery) {

        void stop() {
            recovery.stop();
            relay.stop();
        }
    }
}
