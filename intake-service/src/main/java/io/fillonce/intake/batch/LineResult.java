package io.fillonce.intake.batch;

import java.util.List;

import io.fillonce.intake.record.FieldViolation;

/**
 * The outcome of one line of a bulk upload: accepted (201 new version, 200 unchanged) with the entity and its
 * version, or refused with the same problem the single-record endpoint answers. Stored in {@link ResultPage}s.
 *
 * @param line for NDJSON the line number in the file; for CSV the data row number (the header row is not counted)
 * @param entityKey the accepted entity's key; {@code null} on a refused line, and once that entity is erased
 */
record LineResult(long line, int status, String entityKey, Integer version, Problem problem) {

    /** Stands for an erased entity's key in a refusal's texts. */
    static final String ERASED = "[erased]";

    boolean accepted() {
        return status == 200 || status == 201;
    }

    /** This line without the erased entity's key: blanked where the line names it, cut from texts quoting it. */
    LineResult forgetting(String erasedKey) {
        return new LineResult(line, status, erasedKey.equals(entityKey) ? null : entityKey, version,
                problem == null ? null : problem.forgetting(erasedKey));
    }

    /** RFC 9457 members of a refused line, as the single endpoint answers them. */
    record Problem(String type, String title, int status, String detail, List<FieldViolation> errors) {

        Problem forgetting(String erasedKey) {
            return new Problem(type, title, status, detail == null ? null : detail.replace(erasedKey, ERASED),
                    errors == null ? null : errors.stream().map(error -> new FieldViolation(error.pointer(),
                            error.rule(), error.message() == null ? null
                                    : error.message().replace(erasedKey, ERASED))).toList());
        }
    }
}
