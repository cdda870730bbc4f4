package io.fillonce.intake.record;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Events stored before claims existed have no claim: the relay of that time found them by scanning the records and
 * removed each once published, so any still there is unpublished. Once, after start-up (unless a marker says it was
 * done), one scan of the records (a one-off, never periodic) finds the documents holding such events; for each
 * {@value #BATCH} of them a claim is stored, their events are put under it (a compare-and-set write per document)
 * and the documents are handed to the relay like any written under a claim. An instance that stops midway leaves
 * no marker: the next start does the rest (documents done are skipped, their claims are recovered as usual).
 */
@Component
class UnclaimedEvents {

    static final String MARKERS = "relay_migrations";

    static final String DONE = "events-before-claims-claimed";

    static final int BATCH = 500;

    private static final Logger log = LoggerFactory.getLogger(UnclaimedEvents.class);

    private final MongoTemplate mongo;

    private final RecordDocuments documents;

    private final Outbox outbox;

    /** Documents the last run could not claim (other writers kept overtaking it). */
    private int left;

    UnclaimedEvents(MongoTemplate mongo, RecordDocuments documents, Outbox outbox) {
        this.mongo = mongo;
        this.documents = documents;
        this.outbox = outbox;
    }

    @EventListener(ApplicationReadyEvent.class)
    void claimInTheBackground() {
        Thread thread = new Thread(this::claimOnce, "unclaimed-events");
        thread.setDaemon(true);
        thread.start();
    }

    /** Claims every event stored before claims existed, unless that was done; the number of documents claimed. */
    int claimOnce() {
        try {
            if (mongo.findById(DONE, Document.class, MARKERS) != null) {
                return 0;
            }
            int claimed = claimAll();
            if (left > 0) {
                log.warn("{} records with events stored before claims existed kept changing while they were being "
                        + "claimed; the next start claims them", left);
                return claimed;
            }
            mark();
            if (claimed > 0) {
                log.info("Claimed the pending events of {} records stored before claims existed", claimed);
            }
            return claimed;
        }
        catch (DataAccessException e) {
            log.warn("Could not claim events stored before claims existed; the next start tries again: {}",
                    e.getMessage());
            return 0;
        }
    }

    private int claimAll() {
        int claimed = 0;
        List<String> batch = new ArrayList<>();
        Query withEvents = Query.query(Criteria.where("outbox.eventId").exists(true));
        withEvents.fields().include("_id").include("outbox");
        try (Stream<Document> found = mongo.stream(withEvents, Document.class, RecordDocument.COLLECTION)) {
            Iterator<Document> iterator = found.iterator();
            while (iterator.hasNext()) {
                Document document = iterator.next();
                if (document.getList("outbox", Document.class).stream().anyMatch(event -> event.get("claim") == null)) {
                    batch.add(document.getString("_id"));
                }
                if (batch.size() == BATCH || (!iterator.hasNext() && !batch.isEmpty())) {
                    claimed += claim(batch);
                    batch.clear();
                }
            }
        }
        return claimed;
    }

    private int claim(List<String> ids) {
        Outbox.Claim claim = Outbox.Claim.next();
        outbox.claim(claim, ids, ids.size());
        List<RecordDocument> claimed = new ArrayList<>();
        List<String> waiting = ids;
        for (int attempt = 1; attempt <= Submissions.ATTEMPTS && !waiting.isEmpty(); attempt++) {
            Map<String, RecordDocument> stored = documents.load(waiting);
            List<RecordDocument> unclaimed = stored.values().stream().filter(RecordDocument::hasUnclaimedEvents)
                    .toList();
            unclaimed.forEach(document -> document.claimUnclaimedEvents(claim.id()));
            outbox.fence();
            List<String> overtaken = List.copyOf(documents.replace(unclaimed, claim.id()));
            unclaimed.stream().filter(document -> !overtaken.contains(document.getId())).forEach(claimed::add);
            waiting = overtaken;
        }
        left += waiting.size();
        outbox.written(claim, claimed, true);
        return claimed.size();
    }

    private void mark() {
        try {
            mongo.insert(new Document("_id", DONE).append("at", Instant.now()), MARKERS);
        }
        catch (DuplicateKeyException markedMeanwhile) {
            // another instance starting at the same time finished too
        }
    }
}
