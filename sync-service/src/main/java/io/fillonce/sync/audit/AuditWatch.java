package io.fillonce.sync.audit;

import java.time.Duration;

import io.fillonce.sync.system.PeriodicTask;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Verifies the audit chain in the background, over and over, at a bounded pace: each run (every
 * {@code fillonce.sync.audit.verify-every}) walks whole blocks, about {@value #ENTRIES_PER_RUN} entries, on from
 * where the last run stopped (checking the link into them too), by block id only, and starts again at the beginning
 * once it reached the end. So a run costs the same however long the log grows (the whole chain on demand:
 * {@code /api/ops/audit/verify}), every entry is checked again each round,
 * and ops see {@code fillonce.audit.chain.length} (entries chained) and {@code fillonce.audit.verification.failed}
 * (1 from a run that found the chain tampered with or a sequence missing until a whole round finds it whole).
 */
@Component
public class AuditWatch extends PeriodicTask {

    static final long ENTRIES_PER_RUN = 20_000;
    private static final Logger log = LoggerFactory.getLogger(AuditWatch.class);

    private final AuditVerifier verifier;
    private final AuditLog audit;
    private final Duration every;
    /** The last break found; kept until a whole round after it found the chain whole. */
    private volatile AuditVerification broken;
    private volatile boolean looked;
    private long next = 1;
    private String previousHash = AuditHashing.GENESIS;

    AuditWatch(AuditVerifier verifier, AuditLog audit, @Value("${fillonce.sync.audit.verify-every}") Duration every,
            MeterRegistry meters) {
        super("audit-watch", every, every);
        this.verifier = verifier;
        this.audit = audit;
        this.every = every;
        Gauge.builder("fillonce.audit.chain.length", audit, chain -> chain.end().next() - 1)
                .description("entries in the audit chain").register(meters);
        Gauge.builder("fillonce.audit.verification.failed", this, watch -> Boolean.TRUE.equals(watch.failed()) ? 1 : 0)
                .description("1 from a break found in the audit chain until a whole round finds it whole")
                .register(meters);
    }

    /** Whether a break was found and no whole round since found the chain whole; null before the first run. */
    public Boolean failed() {
        return looked ? broken != null : null;
    }

    /** What the last break found was, or null. */
    public String problem() {
        AuditVerification result = broken;
        return result == null ? null : result.problem() + " at " + result.brokenAt();
    }

    @Override
    protected void runOnce() {
        try {
            AuditVerifier.Step step = verifier.step(next, previousHash, ENTRIES_PER_RUN);
            AuditVerification result = step.result();
            if (!result.ok()) {
                log.error("ALERT the audit chain does not verify: {} at sequence {} ({})", result.problem(),
                        result.brokenAt(), result.reason());
                broken = result;
                next = 1; // a new round: if it finds the whole chain whole, the chain was repaired
                previousHash = AuditHashing.GENESIS;
            }
            else if (step.atTheEnd()) {
                broken = null;
                next = 1;
                previousHash = AuditHashing.GENESIS;
            }
            else {
                next = step.next();
                previousHash = step.previousHash();
            }
            looked = true;
        }
        catch (RuntimeException e) {
            log.warn("Could not verify the audit chain (trying again in {}): {}", every, e.toString());
        }
    }
}
