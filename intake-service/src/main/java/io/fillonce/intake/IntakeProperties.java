package io.fillonce.intake;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings under {@code fillonce.intake}.
 *
 * @param maxRecordBytes largest accepted request body; larger submissions are refused with 413
 * @param relay how the outbox relay runs
 * @param idempotency how long Idempotency-Key answers are kept
 * @param maxBatchBytes largest accepted bulk upload (spooled to a temporary file up to this size); larger uploads
 *        are refused with 413
 * @param jobs how bulk upload jobs of a stopped instance are noticed
 * @param erasure how erasures are finished
 */
@ConfigurationProperties("fillonce.intake")
public record IntakeProperties(@DefaultValue("1MB") DataSize maxRecordBytes, @DefaultValue Relay relay,
        @DefaultValue Idempotency idempotency, @DefaultValue("64MB") DataSize maxBatchBytes,
        @DefaultValue Jobs jobs, @DefaultValue Erasure erasure) {

    /**
     * These settings as bound, for the schedules ({@code @Scheduled(fixedDelayString = "#{" + BOUND + "...}")}): the
     * bean {@code @ConfigurationPropertiesScan} registers them as. The defaults are written here only, not in
     * application.yml nor in placeholders.
     */
    public static final String BOUND = "@'fillonce.intake-io.fillonce.intake.IntakeProperties'";

    /**
     * @param sweepInterval pause between two looks for erased entities whose last event is published, whose record
     *        documents are then deleted (until then the entity takes no new version); each instance looks, through
     *        a sparse index on the erasure, never the other records
     */
    public record Erasure(@DefaultValue("2s") Duration sweepInterval) {
    }

    /**
     * @param heartbeatInterval how often an instance renews the heartbeat of the bulk uploads it works through
     * @param staleAfter a RUNNING job whose heartbeat is older than this is marked FAILED (its instance stopped)
     * @param checkInterval how often every instance looks for such jobs
     * @param chunkLines most lines of an upload stored together (validated, then written in bulk)
     * @param chunkBytes a chunk takes no more lines once they add up to this much
     * @param maxPerInstance most uploads one instance runs or holds spooled at once (each up to max-batch-bytes of
     *        disk); one more is refused with 503 and Retry-After before it is read
     * @param maxPerCaller most uploads one caller has running or waiting on one instance; one more is a 429
     * @param keptRejectedBytes the values of an upload's rejected lines are kept with its results, for its
     *        rejected.xlsx, up to this much per job (as JSON); lines past it are listed there without their values
     * @param xlsx bounds of XLSX uploads beyond the upload's size
     */
    public record Jobs(@DefaultValue("10s") Duration heartbeatInterval, @DefaultValue("2m") Duration staleAfter,
            @DefaultValue("30s") Duration checkInterval, @DefaultValue("500") int chunkLines,
            @DefaultValue("4MB") DataSize chunkBytes, @DefaultValue("6") int maxPerInstance,
            @DefaultValue("2") int maxPerCaller, @DefaultValue("8MB") DataSize keptRejectedBytes,
            @DefaultValue Xlsx xlsx) {
    }

    /**
     * An XLSX upload is a zip: within {@code max-batch-bytes} it may still unpack to far more, so it is bounded as
     * it is unpacked too.
     *
     * @param maxRows most record rows in one upload
     * @param maxUnzippedBytes most bytes any part of the zip may unpack to (the sheet is read streaming; a part may
 *        also unpack to at most 100 times its packed size)
     * @param maxSharedStringsBytes most bytes the shared strings part may unpack to (it is held in memory while
     *        the sheet is read)
     */
    public record Xlsx(@DefaultValue("200000") long maxRows, @DefaultValue("512MB") DataSize maxUnzippedBytes,
            @DefaultValue("32MB") DataSize maxSharedStringsBytes) {
    }

    /**
     * @param ttl how long a key's answer is replayed; an expired key is ignored and later deleted
     * @param waitFor how long a repeated request waits for the first one with the same key to finish; well under the
     *        gateway's response timeout (10 s), so the repeat gets this service's 409 with Retry-After, not a
     *        gateway 504 its circuit breaker counts
     * @param cleanupInterval pause between two deletions of expired keys
     */
    public record Idempotency(@DefaultValue("24h") Duration ttl, @DefaultValue("4s") Duration waitFor,
            @DefaultValue("10m") Duration cleanupInterval) {
    }

    /**
     * @param interval pause between two scans of the pending claims (taking over those of stopped instances,
     *        retrying those whose publication failed, counting the backlog)
     * @param heartbeatInterval how often an instance tells the others it is alive
     * @param staleAfter an instance whose heartbeat is older than this is taken for dead: its claims are taken
     *        over; an instance writes under its claims only while its heartbeat is younger than half of this. Every
     *        instance must use the same stale-after, and a heartbeat-interval well below half of it
     * @param retryAfter how long a claim whose publication failed (Kafka away) waits before it is tried again; a
     *        claim whose write failed in an unknown way waits {@code stale-after}, until no write of it can land
     * @param maxInFlight the events handed to the relay but not yet acknowledged add up to at most this much; a
     *        bulk upload waits for room, a single submission leaves its event to the next scan
     * @param handOffWait how long a bulk chunk waits for room before leaving its events to the next scan
     */
    public record Relay(@DefaultValue("1s") Duration interval, @DefaultValue("5s") Duration heartbeatInterval,
            @DefaultValue("30s") Duration staleAfter, @DefaultValue("2s") Duration retryAfter,
            @DefaultValue("16MB") DataSize maxInFlight, @DefaultValue("10s") Duration handOffWait) {
    }
}
