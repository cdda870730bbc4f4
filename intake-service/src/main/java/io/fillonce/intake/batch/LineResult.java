package io.fillonce.intake.batch;

import java.util.List;

import io.fillonce.intake.record.FieldViolation;

/**
 * The outcome of one line of a bulk upload: accepted (201 new version, 200 unchanged) with the entity and its
 * version, or refused with the same problem the single-record endpoint answers. Stored in {@link ResultPage}s.
 *
 * @param line for NDJSON the line number in the file; for CSV the data row number (the header row is not counted)
 */
record LineResult(long line, int status, String entityKey, Integer version, Problem problem) {

    boolean accepted() {
        return status == 200 || status == 201;
    }

    /** RFC 9457 members of a refused line, as the single endpoint answers them. */
    record Problem(String type, String title, int status, String detail, List<FieldViolation> errors) {
    }
}
