package io.fillonce.intake.record;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import io.fillonce.intake.IntakeProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Finishes erasures: a record document being erased is deleted once every event in it is published (the erased
 * version's last, after every earlier one), never before, so a crash loses none of them. The traces are deleted once
 * more first (a crash may have come between the erased version's write and their deletion), then the document with
 * a compare-and-set on its revision, so nothing written after this read is lost. A trace still being added to
 * ({@link EntityTraces#settled}) holds the erasure back until a later sweep. Then a submission of the same entity
 * key starts a new entity (new record id, version 1). Each instance sweeps; it reads only the pending erasures
 * ({@link PendingErasure}) and their documents by id, never the other records.
 */
@Component
class ErasureSweep {

    private static final Logger log = LoggerFactory.getLogger(ErasureSweep.class);

    /** How long a pending erasure whose version is not written is kept (the request may still be writing it). */
    private static final Duration UNWRITTEN = Duration.ofMinutes(5);

    private final MongoTemplate mongo;

    private final Outbox outbox;

    private final RecordMapper mapper;

    private final List<EntityTraces> traces;

    ErasureSweep(MongoTemplate mongo, Outbox outbox, RecordMapper mapper, List<EntityTraces> traces) {
        this.mongo = mongo;
        this.outbox = outbox;
        this.mapper = mapper;
        this.traces = traces;
    }

    @Scheduled(fixedDelayString = "#{" + IntakeProperties.BOUND + ".erasure().sweepInterval().toMillis()}")
    void sweep() {
        try {
            for (PendingErasure pending : mongo.findAll(PendingErasure.class)) {
                RecordDocument document = mongo.findById(pending.record(), RecordDocument.class);
                if (document == null || document.getErasure() == null && pending.since().isBefore(
                        Instant.now().minus(UNWRITTEN))) {
                    mongo.remove(pending); // finished, or its erased version was never written (the request failed)
                }
                else if (document.getErasure() != null && finish(document)) {
                    mongo.remove(pending);
                }
            }
        }
        catch (DataAccessException e) {
            log.warn("Could not finish erasures, the next sweep retries: {}", e.getMessage());
        }
    }

    /** Whether the document is gone now. */
    private boolean finish(RecordDocument document) {
        if (!published(document)) {
            return false;
        }
        SubmissionReceipt erased = mapper.toReceipt(document);
        if (!traces.stream().allMatch(trace -> trace.settled(erased))) {
            return false;
        }
        traces.forEach(trace -> trace.erase(erased));
        long deleted = mongo.remove(Query.query(Criteria.where("_id").is(document.getId())
                .and("revision").is(document.getRevision())), RecordDocument.class).getDeletedCount();
        if (deleted > 0) {
            // never the entity key: it is what the erasure deletes
            log.info("Finished the erasure of record {} of type {}: intake keeps nothing of it", document.getRecordId(),
                    document.getType());
        }
        return deleted > 0;
    }

    /** Whether every event in the document is published (their claims are gone). */
    private boolean published(RecordDocument document) {
        if (document.hasUnclaimedEvents()) {
            return false;
        }
        Set<String> claims = document.claims();
        return claims.isEmpty() || outbox.pending(claims).isEmpty();
    }
}
