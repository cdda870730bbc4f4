package io.fillonce.intake.batch;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** A bulk upload's progress, in MongoDB so that every intake instance can answer for it. */
@Document(BatchJobDocument.COLLECTION)
record BatchJobDocument(@Id String id, String type, String format, String submittedBy, State state, long linesRead,
        long accepted, long rejected, Instant createdAt, Instant finishedAt, String detail) {

    static final String COLLECTION = "batch_jobs";

    enum State {
        RUNNING, DONE, FAILED
    }
}
