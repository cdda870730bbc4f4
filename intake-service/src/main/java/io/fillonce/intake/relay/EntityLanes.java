package io.fillonce.intake.relay;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

import io.fillonce.intake.record.OutboxEvent;
import io.fillonce.intake.record.RecordDocument;

/**
 * Per-entity order with pipelining across entities: each entity has a lane, a chain of sends in which an event is
 * sent only once the previous one of the same entity is acknowledged; lanes of different entities do not wait for
 * each other, so the producer pipelines them. A failed send fails the rest of its lane's chain unsent (a later
 * version never overtakes an earlier one); the next publication of the entity starts a new chain.
 * <p>
 * A lane lives while some claim holds its entity ({@link #hold}, from before the claim's write until the claim is
 * deleted) and remembers what it sent and had acknowledged, so an event handed over twice (two writes of this
 * instance both saw it pending, in either order) is sent once. What it remembers is of one record: an entity key
 * erased and submitted anew is another record, whose versions start at 1 again. Sends run on {@code sender}, never
 * on the producer's network thread that completes acknowledgements.
 */
final class EntityLanes {

    private final Map<String, Lane> lanes = new ConcurrentHashMap<>();

    private final RecordEventPublisher publisher;

    private final Executor sender;

    EntityLanes(RecordEventPublisher publisher, Executor sender) {
        this.publisher = publisher;
        this.sender = sender;
    }

    /** Keeps these entities' lanes (and what they know) until as many {@link #release}s. */
    void hold(Collection<String> subjects) {
        subjects.forEach(subject -> lanes.compute(subject, (key, existing) -> {
            Lane lane = existing == null ? new Lane() : existing;
            lane.users++;
            return lane;
        }));
    }

    void release(Collection<String> subjects) {
        subjects.forEach(subject -> lanes.computeIfPresent(subject, (key, lane) -> --lane.users == 0 ? null : lane));
    }

    /**
     * Publishes these events of the document's entity (ascending versions) after what its lane holds already; the
     * entity must be held. The future completes once the last of them is acknowledged.
     */
    CompletableFuture<Void> publish(RecordDocument document, List<OutboxEvent> events) {
        Lane lane = lanes.computeIfAbsent(document.subject(), subject -> new Lane());
        synchronized (lane) {
            if (!Objects.equals(lane.recordId, document.getRecordId())) {
                lane.recordId = document.getRecordId();
                lane.queued = 0;
                lane.acknowledged = 0;
            }
            if (lane.tail.isCompletedExceptionally()) {
                lane.tail = CompletableFuture.completedFuture(null);
                lane.queued = lane.acknowledged;
            }
            for (OutboxEvent event : events) {
                if (event.version() > lane.queued) {
                    lane.tail = lane.tail.thenComposeAsync(previous -> send(lane, document, event), sender);
                    lane.queued = event.version();
                }
            }
            return lane.tail;
        }
    }

    int size() {
        return lanes.size();
    }

    private CompletableFuture<Void> send(Lane lane, RecordDocument document, OutboxEvent event) {
        return publisher.send(document, event).thenRun(() -> {
            synchronized (lane) {
                lane.acknowledged = Math.max(lane.acknowledged, event.version());
            }
        });
    }

    /** One entity's chain of sends. Guarded by its own monitor; {@code users} by the map's compute. */
    private static final class Lane {

        private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);

        private String recordId;

        private int queued;

        private int acknowledged;

        private int users;
    }
}
