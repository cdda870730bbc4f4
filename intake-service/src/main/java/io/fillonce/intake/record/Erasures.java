package io.fillonce.intake.record;

import java.time.Clock;
import java.util.List;

import io.fillonce.identity.VerifiedCaller;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Service;

/**
 * Erasing an entity's personal data where the law requires it, in one request: its last version, without data, is
 * written ({@link Submissions#erase}), then every other trace of it is deleted ({@link EntityTraces}). The record
 * document, which still holds the events of earlier versions, goes once they are all published
 * ({@link ErasureSweep}).
 */
@Service
class Erasures {

    private final Submissions submissions;

    private final List<EntityTraces> traces;

    private final MongoTemplate mongo;

    private final Clock clock = Clock.systemUTC();

    Erasures(Submissions submissions, List<EntityTraces> traces, MongoTemplate mongo) {
        this.submissions = submissions;
        this.traces = traces;
        this.mongo = mongo;
    }

    /**
     * The receipt of the erased version; a repeat answers it again and deletes the traces again. The erasure is noted
     * as pending work for {@link ErasureSweep} before anything is written.
     */
    SubmissionReceipt erase(String type, String entityKey, ErasureRequest request, VerifiedCaller caller) {
        if (!caller.isAdmin()) {
            throw new ErasureNotAllowed(caller.role());
        }
        PendingErasure pending = new PendingErasure(RecordDocument.idOf(type, entityKey), clock.instant());
        mongo.save(pending);
        SubmissionReceipt erased;
        try {
            erased = submissions.erase(type, entityKey, request.reason(), request.legalBasis(), caller).receipt();
        }
        catch (RecordNotFound missing) {
            mongo.remove(pending);
            throw missing;
        }
        traces.forEach(trace -> trace.erase(erased));
        return erased;
    }
}
