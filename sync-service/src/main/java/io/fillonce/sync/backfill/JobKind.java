package io.fillonce.sync.backfill;

/**
 * What a job sends. BACKFILL: the current version of every matching entity under its own event id (what live
 * fan-out would have sent). RESYNC: the same, mapped anew, under a derived event id
 * {@code <event id>~<job id>} that names the original in {@code resyncOf}. RELEASE: what a resumed subscription held
 * while suspended, every held version in order under its own event id (started by sync when the registry resumes a
 * subscription). END: the department's one {@code fillonce.subscription.ended} notice, and the versions the
 * subscription still held dropped (started by sync when the registry ends a subscription). IMPACT: nothing; it counts
 * the entities whose message under the subscription would change if a code table had the entries an operator
 * proposes (its {@link ProposedCodeTable}), before the change is made.
 */
public enum JobKind {
    BACKFILL, RESYNC, RELEASE, END, IMPACT
}
