package io.fillonce.sync.backfill;

import java.util.List;

/** One page of jobs, by id; {@code next} is the cursor for the following page, null after the last one. */
record BackfillPage(List<Backfill> items, String next) {
}
