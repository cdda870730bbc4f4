package io.fillonce.intake;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings under {@code fillonce.intake}.
 *
 * @param maxRecordBytes largest accepted request body; larger submissions are refused with 413
 * @param relay how the outbox relay runs
 * @param idempotency how long Idempotency-Key answers are kept
 * @param maxBatchBytes largest accepted bulk upload; larger uploads are refused with 413
 * @param jobs how bulk upload jobs of a stopped instance are noticed
 */
@ConfigurationProperties("fillonce.intake")
public record IntakeProperties(@DefaultValue("1MB") DataSize maxRecordBytes, @DefaultValue Relay relay,
        @DefaultValue Idempotency idempotency, @DefaultValue("64MB") DataSize maxBatchBytes,
        @DefaultValue Jobs jobs) {

    /**
     * @param heartbeatInterval how often an instance renews the heartbeat of the bulk uploads it works through
     * @param staleAfter a RUNNING job whose heartbeat is older than this is marked FAILED (its instance stopped)
     * @param checkInterval how often every instance looks for such jobs
     */
    public record Jobs(@DefaultValue("10s") Duration heartbeatInterval, @DefaultValue("2m") Duration staleAfter,
            @DefaultValue("30s") Duration checkInterval) {
    }

    /**
     * @param ttl how long a key's answer is replayed; an expired key is ignored and later deleted
     * @param waitFor how long a repeated request waits for the first one with the same key to finish
     * @param cleanupInterval pause between two deletions of expired keys
     */
    public record Idempotency(@DefaultValue("24h") Duration ttl, @DefaultValue("10s") Duration waitFor,
            @DefaultValue("10m") Duration cleanupInterval) {
    }

    /**
     * @param interval pause between two relay rounds
     * @param batchSize most entities with pending events handled in one round
     * @param sendTimeout how long one wave of pipelined publications may wait for the broker's acknowledgements
     * @param leaseTtl how long the relay lease lasts without renewal; another instance takes over after it
     * @param roundBytes a round takes no more entities once their pending events add up to this much
     * @param backlogInterval how often every instance counts the backlog with a full scan of the outbox
     */
    public record Relay(@DefaultValue("200ms") Duration interval, @DefaultValue("1000") int batchSize,
            @DefaultValue("45s") Duration sendTimeout, @DefaultValue("60s") Duration leaseTtl,
            @DefaultValue("8MB") DataSize roundBytes, @DefaultValue("10s") Duration backlogInterval) {

        @ConstructorBinding
        public Relay {
        }

        /** The defaults for the settings added later (round bytes, backlog interval). */
        public Relay(Duration interval, int batchSize, Duration sendTimeout, Duration leaseTtl) {
            this(interval, batchSize, sendTimeout, leaseTtl, DataSize.ofMegabytes(8), Duration.ofSeconds(10));
        }
    }
}
