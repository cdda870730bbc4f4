package io.fillonce.intake.relay;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.fillonce.intake.record.OutboxEvent;
import io.fillonce.intake.record.RecordDocument;
import io.fillonce.intake.record.RecordVersions;
import org.apache.kafka.common.errors.RetriableException;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * One relay round over a set of entities with pending events, in waves: wave k sends the k-th pending event of
 * every entity still going, all at once (the producer pipelines them), waits for their acknowledgements, and marks
 * the acknowledged ones published in one bulk write ({@code $pull} by event id plus a revision bump per event, so a
 * concurrent submission re-reads). An entity's next version is only sent after its previous one is acknowledged
 * and marked, so each entity's versions reach the topic in order even when one is refused or Kafka goes away, and a
 * re-publication after a crash never puts an older version after a newer one.
 * <p>
 * Outcomes: a refused event (e.g. too large) parks its entity (its later versions wait behind it); Kafka not
 * answering (timeout, retriable error, interrupted) ends the round after marking what was acknowledged.
 */
final class RelayRound {

    private static final Logger log = LoggerFactory.getLogger(RelayRound.class);

    private final MongoTemplate mongo;

    private final RecordEventPublisher publisher;

    private final RelayLease lease;

    private final Duration sendTimeout;

    private int published;

    RelayRound(MongoTemplate mongo, RecordEventPublisher publisher, RelayLease lease, Duration sendTimeout) {
        this.mongo = mongo;
        this.publisher = publisher;
        this.lease = lease;
        this.sendTimeout = sendTimeout;
    }

    /** Publishes what it can of these entities' pending events; the number of events still pending among them. */
    int run(List<RecordDocument> documents, RecordVersions versions) {
        List<Pending> going = documents.stream().map(document -> new Pending(document, document.pendingEvents()))
                .filter(pending -> !pending.events().isEmpty()).toList();
        int total = going.stream().mapToInt(pending -> pending.events().size()).sum();
        // the history keeps each version before its event can reach any receiver
        versions.keepAll(going.stream().flatMap(pending -> pending.events().stream()).toList());
        for (int wave = 0; !going.isEmpty(); wave++) {
            if (wave > 0 && !lease.acquire()) {
                break; // the lease went to another instance meanwhile: it goes on from here
            }
            going = wave(going, wave);
        }
        return total - published;
    }

    /** Sends the events at {@code index}; the entities whose event was acknowledged and that have more, or none. */
    private List<Pending> wave(List<Pending> entities, int index) {
        List<CompletableFuture<?>> sent = new ArrayList<>(entities.size());
        for (Pending entity : entities) {
            CompletableFuture<?> send = publisher.send(entity.document(), entity.events().get(index));
            sent.add(send);
            if (send.isCompletedExceptionally() && kafkaAway(send.handle((ok, failure) -> failure).join())) {
                break; // e.g. no metadata within max.block.ms: the others would wait as long, one by one
            }
        }
        long deadline = System.nanoTime() + sendTimeout.toNanos();
        List<Pending> acknowledged = new ArrayList<>();
        boolean away = sent.size() < entities.size();
        for (int i = 0; i < sent.size(); i++) {
            Outcome outcome = outcome(sent.get(i), entities.get(i).events().get(index), deadline - System.nanoTime());
            if (outcome == Outcome.PUBLISHED) {
                acknowledged.add(entities.get(i));
            }
            away |= outcome == Outcome.KAFKA_AWAY;
        }
        markPublished(acknowledged, index);
        return away ? List.of() : acknowledged.stream().filter(entity -> entity.events().size() > index + 1).toList();
    }

    private void markPublished(List<Pending> entities, int index) {
        if (entities.isEmpty()) {
            return;
        }
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, RecordDocument.class);
        for (Pending entity : entities) {
            bulk.updateOne(Query.query(Criteria.where("_id").is(entity.document().getId())),
                    new Update().pull("outbox", new Document("eventId", entity.events().get(index).eventId()))
                            .inc("revision", 1));
        }
        bulk.execute();
        published += entities.size();
    }

    private static Outcome outcome(CompletableFuture<?> send, OutboxEvent event, long waitNanos) {
        try {
            send.get(Math.max(waitNanos, 0), TimeUnit.NANOSECONDS);
            return Outcome.PUBLISHED;
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.KAFKA_AWAY;
        }
        catch (TimeoutException e) {
            log.warn("No acknowledgement for {} in time, Kafka seems away; the next round retries", event.eventId());
            return Outcome.KAFKA_AWAY;
        }
        catch (ExecutionException | RuntimeException e) {
            return failed(event, e);
        }
    }

    private static boolean kafkaAway(Throwable failure) {
        Throwable cause = rootCause(failure);
        return cause instanceof TimeoutException || cause instanceof RetriableException;
    }

    private static Outcome failed(OutboxEvent event, Exception e) {
        Throwable cause = rootCause(e);
        if (kafkaAway(e)) {
            log.warn("Could not publish {} yet, Kafka seems away; the next round retries: {}", event.eventId(), cause);
            return Outcome.KAFKA_AWAY;
        }
        log.error("Kafka refused {}; this entity's later versions wait behind it: {}", event.eventId(), cause);
        return Outcome.ENTITY_PARKED;
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** An entity and its pending events, oldest version first, as read at the start of the round. */
    private record Pending(RecordDocument document, List<OutboxEvent> events) {
    }

    private enum Outcome {
        /** acknowledged by the broker */
        PUBLISHED,
        /** Kafka refused it for good (e.g. too large); the entity's later versions wait, other entities go on */
        ENTITY_PARKED,
        /** Kafka did not answer in time: end the round, the next one retries */
        KAFKA_AWAY
    }
}
