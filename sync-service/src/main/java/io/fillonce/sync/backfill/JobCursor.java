package io.fillonce.sync.backfill;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Where one task stands in one job, kept in the task's state store (so it moves exactly with what the task
 * wrote): the last subject walked ({@code after}, null before the first), how many entities of the type the
 * partition held when the task began ({@code total}), how many it walked, shared and skipped, and whether it is
 * done ({@code failure} says why it stopped early). A finished cursor forgets the last subject: an entity key kept
 * in a store and its changelog for ever would outlive the entity's erasure.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobCursor(String after, long total, long walked, long shared, long skipped, boolean done,
        String failure) {

    public static JobCursor start(long total) {
        return new JobCursor(null, total, 0, 0, 0, false, null);
    }

    public JobCursor walked(String subject, boolean wasShared) {
        return new JobCursor(subject, total, walked + 1, shared + (wasShared ? 1 : 0),
                skipped + (wasShared ? 0 : 1), false, null);
    }

    public JobCursor finished() {
        return new JobCursor(null, total, walked, shared, skipped, true, null);
    }

    public JobCursor failed(String why) {
        return new JobCursor(null, total, walked, shared, skipped, true, why);
    }
}
