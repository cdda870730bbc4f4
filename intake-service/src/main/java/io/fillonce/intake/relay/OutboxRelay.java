package io.fillonce.intake.relay;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import io.fillonce.intake.IntakeProperties;
import io.fillonce.intake.record.RecordDocument;
import io.fillonce.intake.record.RecordVersions;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The durable hand-off from MongoDB to Kafka. Every round the holder of the {@link RelayLease} (one lease check per
 * round, one more per extra wave) reads up to {@code batch-size} entities with pending events (at most
 * {@code round-bytes} of them, so a round's memory stays bounded whatever the records' size) with one query, keeps
 * their versions in the history ({@link RecordVersions#keepAll}), and publishes them as a {@link RelayRound}:
 * pipelined sends, each entity's versions in order, each event removed from the outbox only after the broker's
 * acknowledgement. A crash in between publishes the event again with the same id: at-least-once, receivers dedupe
 * on {@code ce_id}.
 * <p>
 * The backlog gauge: after a round that saw every pending entity (fewer than a full round) it is exact at no extra
 * cost; besides, every instance counts it with a full aggregation every {@code backlog-interval} only (the embedded
 * MongoDB scans the whole collection for it).
 */
@Component
class OutboxRelay {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private static final String PENDING = "outbox.eventId";

    private final MongoTemplate mongo;

    private final RecordEventPublisher publisher;

    private final RecordVersions versions;

    private final RelayLease lease;

    private final IntakeProperties.Relay settings;

    private final AtomicLong backlog = new AtomicLong();

    OutboxRelay(MongoTemplate mongo, RecordEventPublisher publisher, RecordVersions versions, RelayLease lease,
            IntakeProperties properties, MeterRegistry meters) {
        this.mongo = mongo;
        this.publisher = publisher;
        this.versions = versions;
        this.lease = lease;
        this.settings = properties.relay();
        Gauge.builder("fillonce.relay.backlog", backlog, AtomicLong::get)
                .description("Accepted record versions whose event is not yet acknowledged by Kafka")
                .register(meters);
    }

    @Scheduled(fixedDelayString = "${fillonce.intake.relay.interval:200ms}")
    void relay() {
        try {
            if (!lease.acquire()) {
                return;
            }
            Round round = pendingRound();
            int left = new RelayRound(mongo, publisher, lease, settings.sendTimeout()).run(round.documents(),
                    versions);
            if (round.sawAll()) {
                backlog.set(left);
            }
        }
        catch (DataAccessException e) {
            log.warn("Relay round stopped, MongoDB failed; the next round retries: {}", e.getMessage());
        }
    }

    @Scheduled(fixedDelayString = "${fillonce.intake.relay.backlog-interval:10s}")
    void countBacklog() {
        try {
            backlog.set(countPending());
        }
        catch (DataAccessException e) {
            log.warn("Could not count the relay backlog: {}", e.getMessage());
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

    /** The next entities with pending events, streamed until {@code batch-size} of them or {@code round-bytes}. */
    private Round pendingRound() {
        List<RecordDocument> documents = new ArrayList<>();
        long bytes = 0;
        Query pending = Query.query(Criteria.where(PENDING).exists(true)).limit(settings.batchSize());
        try (Stream<RecordDocument> stream = mongo.stream(pending, RecordDocument.class)) {
            Iterator<RecordDocument> found = stream.iterator();
            while (found.hasNext() && bytes < settings.roundBytes().toBytes()) {
                RecordDocument document = found.next();
                documents.add(document);
                bytes += document.getOutbox().stream().mapToLong(event -> event.payload().length()).sum();
            }
            return new Round(documents, documents.size() < settings.batchSize() && !found.hasNext());
        }
    }

    private long countPending() {
        Aggregation count = Aggregation.newAggregation(Aggregation.match(Criteria.where(PENDING).exists(true)),
                Aggregation.project().and("outbox").size().as("events"),
                Aggregation.group().sum("events").as("total"));
        Document result = mongo.aggregate(count, RecordDocument.COLLECTION, Document.class).getUniqueMappedResult();
        return result == null ? 0 : ((Number) result.get("total")).longValue();
    }

    /**
     * @param documents the round's entities
     * @param sawAll whether these are all the entities with pending events (the query was not cut short)
     */
    private record Round(List<RecordDocument> documents, boolean sawAll) {
    }
}
