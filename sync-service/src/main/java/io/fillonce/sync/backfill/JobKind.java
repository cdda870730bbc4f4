package io.fillonce.sync.backfill;

/**
 * What a job sends. BACKFILL: the current version of every matching entity under its own event id (what live
 * fan-out would have sent). RESYNC: the same, mapped anew, under a derived event id
 * {@code <event id>~<job id>} that names the original in {@code resyncOf}.
 */
public enum JobKind {
    BACKFILL, RESYNC
}
