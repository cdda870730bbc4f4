package io.fillonce.intake.batch;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A bulk upload's progress, in MongoDB so that every intake instance can answer for it.
 *
 * @param linesTotal the records in the upload, counted while it was spooled (absent on jobs stored before it was)
 * @param owner the instance working through the upload
 * @param heartbeatAt when the job started (jobs stored before {@link RunningJob} existed: their instance's last sign
 *        of life)
 * @param resultsPerPage how many line results each {@link ResultPage} of the job holds (absent on jobs stored
 *        before results were paged: their results are not listed)
 * @param traceparent the W3C {@code traceparent} of the upload request's span: the events of the versions its lines
 *        add carry it, and the job's work continues its trace ({@code null} without a trace, and on jobs stored
 *        before it was kept)
 */
@Document(BatchJobDocument.COLLECTION)
@CompoundIndex(name = "state_cas", def = "{'_id': 1, 'state': 1}", unique = true)
record BatchJobDocument(@Id String id, String type, String format, String submittedBy, State state, long linesRead,
        long accepted, long rejected, Long linesTotal, Instant createdAt, Instant finishedAt, String detail,
        String owner, Instant heartbeatAt, Integer resultsPerPage, String traceparent) {

    static final String COLLECTION = "batch_jobs";

    enum State {
        RUNNING, DONE, FAILED
    }
}
