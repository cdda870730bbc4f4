package io.fillonce.sync.backfill;

/** Where a backfill or re-sync job stands. */
enum JobState {
    RUNNING, DONE, FAILED
}
