package io.fillonce.intake.batch;

import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A fixed-size run of a job's line results, in line order: page {@code n} holds results
 * {@code n * size .. n * size + size - 1} (size {@link BatchJobDocument#resultsPerPage()}), under the id
 * {@code <jobId>/<n>}, so any page a client asks for is read by {@code _id}. A page is written again while it
 * fills up; a job's results cost one or two writes per chunk of lines, not one per line.
 */
@Document(ResultPage.COLLECTION)
record ResultPage(@Id String id, List<LineResult> results) {

    static final String COLLECTION = "batch_result_pages";

    static String idOf(String jobId, long page) {
        return jobId + "/" + page;
    }
}
