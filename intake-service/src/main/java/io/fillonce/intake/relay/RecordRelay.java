package io.fillonce.intake.relay;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.fillonce.intake.IntakeProperties;
import io.fillonce.intake.record.Outbox;
import io.fillonce.intake.record.OutboxEvent;
import io.fillonce.intake.record.RecordDocument;
import io.fillonce.intake.record.RecordEvents;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * The durable hand-off from MongoDB to Kafka, in process. Why it is safe:
 * <ul>
 * <li><b>Nothing accepted is lost.</b> A claim listing the subjects is stored before their documents are written
 * ({@link #claim}) and deleted only after every event written under it is acknowledged. An instance that dies
 * between its write and the acknowledgement leaves its claim; {@link ClaimRecovery} on another instance takes it
 * over once the owner's heartbeat is stale and publishes from the documents. What recovery reads costs what is
 * pending (the claim, its subjects by {@code _id}), never what is stored.</li>
 * <li><b>An event whose claim is gone was published</b>, so the entity's next write trims it from the document:
 * publishing costs no MongoDB write per event, only one claim deletion per submission or chunk.</li>
 * <li><b>Per-entity order across instances.</b> A relay publishing an entity publishes every event still in the
 * document that may be unpublished (its claim still exists), oldest first, each only after the previous one is
 * acknowledged ({@link EntityLanes}). So when instance B writes v2 while v1 (instance A's) may still be
 * unpublished, B publishes v1 again before v2: v2 never reaches the topic before v1 has been published at least
 * once. A re-publication of v1 after v2 is a duplicate (same {@code ce_id}, lower version) that receivers skip.</li>
 * <li><b>A claim deleted while a writer still writes</b> is what fencing prevents ({@link RelayInstance}): a
 * writer writes under its claims only within {@code stale-after / 2} of its last heartbeat, others take over only
 * after {@code stale-after}; a write whose outcome is unknown (MongoDB failed) is left to recovery only after
 * {@code stale-after}, when it can no longer land. The window that remains: a write issued in time that takes more
 * than {@code stale-after / 2} to reach MongoDB, followed by its instance dying before publishing it; its event then
 * waits for nobody. We accept it: it needs a stall of seconds inside one write plus a crash right after it.</li>
 * </ul>
 * The relay bounds what it holds in flight ({@code max-in-flight} bytes of events): a bulk chunk waits a while for
 * room; without room, or after a failed publication (Kafka away, an event refused), the claim is left to
 * {@link ClaimRecovery}, which tries it again from MongoDB after {@code retry-after}.
 */
@Component
class RecordRelay implements Outbox {

    private static final Logger log = LoggerFactory.getLogger(RecordRelay.class);

    private static final int KIB = 1024;

    private final Claims claims;

    private final RelayInstance instance;

    private final RelayReads reads;

    private final RecordEvents events;

    private final EntityLanes lanes;

    private final IntakeProperties.Relay settings;

    private final Clock clock;

    private final OwnClaims own;

    private final Queue<String> acknowledged = new ConcurrentLinkedQueue<>();

    private final Semaphore room;

    private final ExecutorService sender = single("relay-send");

    private final ExecutorService worker = single("relay-claims");

    @Autowired
    RecordRelay(Claims claims, RelayInstance instance, RelayReads reads, RecordEvents events,
            RecordEventPublisher publisher, IntakeProperties properties) {
        this(claims, instance, reads, events, publisher, properties.relay(), Clock.systemUTC());
    }

    RecordRelay(Claims claims, RelayInstance instance, RelayReads reads, RecordEvents events,
            RecordEventPublisher publisher, IntakeProperties.Relay settings, Clock clock) {
        this.claims = claims;
        this.instance = instance;
        this.reads = reads;
        this.events = events;
        this.settings = settings;
        this.clock = clock;
        this.lanes = new EntityLanes(publisher, sender);
        this.own = new OwnClaims(lanes, clock, settings.staleAfter());
        this.room = new Semaphore(totalPermits());
    }

    @Override
    public void claim(Claim claim, Collection<String> subjects, int versions) {
        instance.renewIfOld();
        own.busy(claim.id());
        own.hold(claim.id(), subjects);
        try {
            claims.insert(claim.id(), instance.id(), subjects, versions, clock.instant());
        }
        catch (RuntimeException e) {
            own.done(claim.id());
            throw e;
        }
    }

    @Override
    public void extend(Claim claim, Collection<String> subjects, int versions) {
        own.hold(claim.id(), subjects);
        claims.extend(claim.id(), subjects, versions);
    }

    @Override
    public void fence() {
        instance.fence();
    }

    @Override
    public Set<String> pending(Collection<String> claimIds) {
        return claims.existing(claimIds);
    }

    @Override
    public void written(Claim claim, List<RecordDocument> documents, boolean mayWait) {
        publish(claim.id(), documents, RecordDocument::pendingEvents, mayWait ? settings.handOffWait() : Duration.ZERO);
    }

    @Override
    public void unsure(Claim claim) {
        own.retryAt(claim.id(), clock.instant().plus(settings.staleAfter()));
    }

    /** Whether recovery should publish this claim of this instance now. */
    boolean due(String claimId) {
        return own.due(claimId);
    }

    /** Takes a claim (of this instance, or just taken over) into recovery; the caller publishes it next. */
    void recovering(String claimId) {
        own.busy(claimId);
    }

    /**
     * Publishes a claim from MongoDB: its subjects' documents, and of each the events up to the last one written
     * under this claim that may be unpublished. Blocks until there is room for them (recovery's own thread).
     */
    void recover(String claimId) {
        try {
            ClaimDocument claim = claims.find(claimId);
            if (claim == null) {
                own.done(claimId);
                return;
            }
            own.hold(claimId, claim.subjects());
            List<RecordDocument> documents = reads.documents(claim.subjects());
            Set<String> tags = new HashSet<>();
            documents.forEach(document -> document.getOutbox().forEach(event -> tags.add(event.claim())));
            tags.remove(null);
            Set<String> pending = tags.isEmpty() ? Set.of() : claims.existing(tags);
            publish(claimId, documents, document -> RelayReads.unpublished(document, claimId, pending),
                    settings.handOffWait());
        }
        catch (DataAccessException e) {
            // the claim, its entities' records or the claims their events were written under: any of these reads
            log.warn("Could not read claim {} or the records it names from MongoDB to publish them; retrying in {}: {}",
                    claimId, settings.retryAfter(), e.getMessage());
            own.retryAt(claimId, clock.instant().plus(settings.retryAfter()));
        }
    }

    @PreDestroy
    void stop() {
        sender.shutdownNow();
        worker.shutdown();
        try {
            worker.awaitTermination(2, TimeUnit.SECONDS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deleteAcknowledged();
    }

    private void publish(String claimId, List<RecordDocument> documents,
            Function<RecordDocument, List<OutboxEvent>> pending, Duration wait) {
        List<List<OutboxEvent>> perDocument = documents.stream()
                .map(document -> events.withPayloads(document, pending.apply(document))).toList();
        long bytes = perDocument.stream().flatMap(List::stream).mapToLong(event -> event.payload().length()).sum();
        int permits = (int) Math.min(totalPermits(), Math.max(1, (bytes + KIB - 1) / KIB));
        if (!acquire(permits, wait)) {
            own.retryAt(claimId, clock.instant());
            return;
        }
        own.busy(claimId);
        List<CompletableFuture<Void>> sends = new ArrayList<>(documents.size());
        for (int i = 0; i < documents.size(); i++) {
            if (!perDocument.get(i).isEmpty()) {
                sends.add(lanes.publish(documents.get(i), perDocument.get(i)));
            }
        }
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).whenComplete((ok, failure) -> {
            room.release(permits);
            if (failure == null) {
                acknowledged.add(claimId);
                worker.execute(this::deleteAcknowledged);
            }
            else {
                log.warn("Claim {} not fully published, retrying in {}: {}", claimId, settings.retryAfter(),
                        failure.getMessage());
                own.retryAt(claimId, clock.instant().plus(settings.retryAfter()));
            }
        });
    }

    /** Deletes the claims whose events are all acknowledged, as many as have gathered, in one write. */
    private void deleteAcknowledged() {
        List<String> ids = new ArrayList<>();
        for (String id = acknowledged.poll(); id != null; id = acknowledged.poll()) {
            ids.add(id);
        }
        if (ids.isEmpty()) {
            return;
        }
        try {
            claims.delete(ids);
            // only now are the entities let go: a write that read one of these claims before its deletion may hand
            // its events over again, and its lane must still know they were sent
            ids.forEach(own::done);
        }
        catch (DataAccessException e) {
            log.warn("Could not delete published claims {}; they are published again later: {}", ids, e.getMessage());
            ids.forEach(id -> own.retryAt(id, clock.instant().plus(settings.retryAfter())));
        }
    }

    private boolean acquire(int permits, Duration wait) {
        try {
            return room.tryAcquire(permits, wait.toNanos(), TimeUnit.NANOSECONDS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private int totalPermits() {
        return (int) Math.max(1, settings.maxInFlight().toBytes() / KIB);
    }

    /** A single daemon thread of this name, for the relay's own work. */
    static ExecutorService single(String name) {
        return Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
    }
}
