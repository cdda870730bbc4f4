package io.fillonce.intake.batch;

import java.util.Arrays;
import java.util.List;

import io.fillonce.web.FieldProblem;

import org.springframework.data.annotation.PersistenceCreator;

/**
 * The outcome of one line of a bulk upload: accepted (201 new version, 200 unchanged) with the entity and its
 * version, or refused with the same problem the single-record endpoint answers. Stored in {@link ResultPage}s.
 *
 * @param line for NDJSON the line number in the file; for CSV the data row number (the header row is not counted);
 *        for XLSX the spreadsheet's row number (the header is row 1, the hidden path row 2)
 * @param entityKey the accepted entity's key; {@code null} on a refused line, and once that entity is erased
 * @param values a refused line's record as it was read (JSON), for the job's rejected.xlsx: kept with the job's
 *        results as long as they are (jobs and their results are not expired today), within
 *        {@code fillonce.intake.jobs.kept-rejected-bytes} per job, and dropped when the entity it names is erased;
 *        {@code null} on accepted lines (their values are never kept here), on lines that were no JSON object, and
 *        past the bound
 */
record LineResult(long line, int status, String entityKey, Integer version, Problem problem, String values) {

    /** Stands for an erased entity's key in a refusal's texts. */
    static final String ERASED = "[erased]";

    /** The constructor Spring Data reads stored results with (results stored before values were kept lack them). */
    @PersistenceCreator
    LineResult {
    }

    LineResult(long line, int status, String entityKey, Integer version, Problem problem) {
        this(line, status, entityKey, version, problem, null);
    }

    LineResult withValues(String kept) {
        return new LineResult(line, status, entityKey, version, problem, kept);
    }

    boolean accepted() {
        return status == 200 || status == 201;
    }

    /**
     * This line without the erased entity's key: blanked where the line names it, cut from texts quoting it, and
     * the kept values dropped when they hold it.
     */
    LineResult forgetting(String erasedKey) {
        return new LineResult(line, status, erasedKey.equals(entityKey) ? null : entityKey, version,
                problem == null ? null : problem.forgetting(erasedKey),
                values == null || holds(values, erasedKey) ? null : values);
    }

    /** Whether kept values name the entity: every part of its key (a composite key's parts are joined by |). */
    static boolean holds(String values, String entityKey) {
        return Arrays.stream(entityKey.split("\\|")).allMatch(values::contains);
    }

    /** RFC 9457 members of a refused line, as the single endpoint answers them. */
    record Problem(String type, String title, int status, String detail, List<FieldProblem> errors) {

        Problem forgetting(String erasedKey) {
            return new Problem(type, title, status, detail == null ? null : detail.replace(erasedKey, ERASED),
                    errors == null ? null : errors.stream().map(error -> new FieldProblem(error.pointer(),
                            error.rule(), error.message() == null ? null
                                    : error.message().replace(erasedKey, ERASED))).toList());
        }
    }
}
