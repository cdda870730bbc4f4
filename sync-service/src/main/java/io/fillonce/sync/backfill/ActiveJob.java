package io.fillonce.sync.backfill;

import java.util.Map;

/**
 * A RUNNING job as the fan-out's tasks work it: which subscription, over which record type, and the registry
 * position at which its creator knew the subscription (see {@link BackfillJob}); an IMPACT job's proposed code table.
 */
public record ActiveJob(String id, JobKind kind, String subscription, String recordType,
        Map<String, Long> registryPosition, ProposedCodeTable proposed) {

    public ActiveJob {
        registryPosition = Map.copyOf(registryPosition);
    }

    /** The derived event id of a re-sync delivery: {@code <eventId>~<jobId>}; the canonical id for a backfill. */
    public String eventIdFor(String canonicalEventId) {
        return kind == JobKind.RESYNC ? canonicalEventId + "~" + id : canonicalEventId;
    }

    public boolean resync() {
        return kind == JobKind.RESYNC;
    }
}
