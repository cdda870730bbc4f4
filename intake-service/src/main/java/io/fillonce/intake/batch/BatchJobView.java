package io.fillonce.intake.batch;

import java.time.Instant;
import java.util.List;

/**
 * A bulk upload as a client polls it: state and counts, and one page of per-line results (ordered by line) by the
 * paging convention: {@code next} is the cursor of the following results already written, null when there are none
 * yet (a running job writes more: ask again).
 *
 * @param state RUNNING, DONE or FAILED (the upload could not be read to its end, or the instance processing it
 *        stopped; {@code detail} says why and what to do)
 * @param linesTotal the records in the upload (non-blank NDJSON lines, CSV rows after the header), if known
 */
record BatchJobView(String id, String type, String format, String state, long linesRead, Long linesTotal, long accepted,
        long rejected, Instant createdAt, Instant finishedAt, String detail, List<LineView> results, String next) {

    record LineView(long line, int status, String entityKey, Integer version, LineResult.Problem problem) {
    }
}
