package io.fillonce.intake.relay;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import io.fillonce.intake.IntakeProperties;
import io.fillonce.intake.record.OutboxEvent;
import io.fillonce.intake.record.RecordDocument;
import io.fillonce.intake.record.RecordVersions;
import jakarta.annotation.PreDestroy;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.errors.RetriableException;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The durable hand-off from MongoDB to Kafka. Every round it takes the documents with pending events, publishes
 * each entity's events in version order, and only after the broker's acknowledgement removes exactly that event
 * from the outbox ({@code $pull} by event id, plus a revision bump so a concurrent submission re-reads). A crash
 * between the two steps publishes the event again with the same id: at-least-once, receivers dedupe on
 * {@code ce_id}. When Kafka is unreachable the round stops and the next one retries; when Kafka refuses one event
 * for good, only that entity waits (dead-lettering such events is a later issue) and the others go on.
 * <p>
 * Before publishing an event the relay keeps the version it announces in the entity's history
 * ({@link RecordVersions#keep}, idempotent). With several intake instances only the holder of the {@link RelayLease}
 * relays; the others skip their rounds but still report the backlog.
 */
@Component
class OutboxRelay {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private static final String PENDING = "outbox.eventId";

    private final MongoTemplate mongo;

    private final RecordEventPublisher publisher;

    private final RecordVersions versions;

    private final RelayLease lease;

    private final int batchSize;

    private final AtomicLong backlog = new AtomicLong();

    OutboxRelay(MongoTemplate mongo, RecordEventPublisher publisher, RecordVersions versions, RelayLease lease,
            IntakeProperties properties, MeterRegistry meters) {
        this.mongo = mongo;
        this.publisher = publisher;
        this.versions = versions;
        this.lease = lease;
        this.batchSize = properties.relay().batchSize();
        Gauge.builder("fillonce.relay.backlog", backlog, AtomicLong::get)
                .description("Accepted record versions whose event is not yet acknowledged by Kafka")
                .register(meters);
    }

    @Scheduled(fixedDelayString = "${fillonce.intake.relay.interval:200ms}")
    void relay() {
        try {
            if (!lease.acquire()) {
                backlog.set(countPending());
                return;
            }
            List<RecordDocument> pending = mongo.find(
                    Query.query(Criteria.where(PENDING).exists(true)).limit(batchSize), RecordDocument.class);
            for (RecordDocument document : pending) {
                if (!lease.acquire() || relay(document) == Outcome.KAFKA_AWAY) {
                    break;
                }
            }
            backlog.set(countPending());
        }
        catch (DataAccessException e) {
            log.warn("Relay round stopped, MongoDB failed; the next round retries: {}", e.getMessage());
        }
    }

    @PreDestroy
    void stop() {
        try {
            lease.release();
        }
        catch (DataAccessException e) {
            log.warn("Could not release the relay lease; it expires by itself: {}", e.getMessage());
        }
    }

    long backlog() {
        return backlog.get();
    }

    /** Publishes one entity's pending events in order; stops at the first that fails. */
    private Outcome relay(RecordDocument document) {
        for (OutboxEvent event : document.pendingEvents()) {
            versions.keep(event);
            try {
                publisher.publish(document, event);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Outcome.KAFKA_AWAY;
            }
            catch (ExecutionException | TimeoutException | RuntimeException e) {
                return failed(event, e);
            }
            mongo.updateFirst(Query.query(Criteria.where("_id").is(document.getId())),
                    new Update().pull("outbox", new Document("eventId", event.eventId())).inc("revision", 1),
                    RecordDocument.class);
        }
        return Outcome.RELAYED;
    }

    private static Outcome failed(OutboxEvent event, Exception e) {
        Throwable cause = rootCause(e);
        if (e instanceof TimeoutException || cause instanceof TimeoutException || cause instanceof RetriableException) {
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

    private long countPending() {
        Aggregation count = Aggregation.newAggregation(Aggregation.match(Criteria.where(PENDING).exists(true)),
                Aggregation.project().and("outbox").size().as("events"),
                Aggregation.group().sum("events").as("total"));
        Document result = mongo.aggregate(count, RecordDocument.COLLECTION, Document.class).getUniqueMappedResult();
        return result == null ? 0 : ((Number) result.get("total")).longValue();
    }

    private enum Outcome {
        /** every pending event of the entity is published */
        RELAYED,
        /** Kafka refused one of its events for good (e.g. too large); other entities go on */
        ENTITY_PARKED,
        /** Kafka did not answer in time: end the round, the next one retries */
        KAFKA_AWAY
    }
}
