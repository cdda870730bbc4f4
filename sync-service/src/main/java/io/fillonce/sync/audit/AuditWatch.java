package io.fillonce.sync.audit;

import java.time.Duration;

import io.fillonce.sync.flow.AlertSettings;
import io.fillonce.sync.system.PeriodicTask;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Verifies the whole audit chain every {@code fillonce.sync.alerts.audit-verify-every} in the background (a walk
 * over every block: its cost grows with the log, so never on a request's path) and tells ops:
 * {@code fillonce.audit.chain.length} (entries verified) and {@code fillonce.audit.verification.failed} (1 when the
 * last walk found the chain tampered with or a block missing).
 */
@Component
public class AuditWatch extends PeriodicTask {

    private static final Logger log = LoggerFactory.getLogger(AuditWatch.class);

    private final AuditVerifier verifier;
    private final Duration every;
    private volatile AuditVerification last;

    AuditWatch(AuditVerifier verifier, AlertSettings settings, MeterRegistry meters) {
        super("audit-watch", settings.auditVerifyEvery().compareTo(Duration.ofSeconds(30)) < 0
                ? settings.auditVerifyEvery() : Duration.ofSeconds(30), settings.auditVerifyEvery());
        this.verifier = verifier;
        this.every = settings.auditVerifyEvery();
        Gauge.builder("fillonce.audit.chain.length", this, watch -> watch.last == null ? Double.NaN
                : watch.last.lastSequence()).description("entries in the audit chain at its last verification")
                .register(meters);
        Gauge.builder("fillonce.audit.verification.failed", this, watch -> Boolean.TRUE.equals(watch.failed()) ? 1 : 0)
                .description("1 when the last verification of the audit chain failed").register(meters);
    }

    /** Whether the last verification failed; null before the first. */
    public Boolean failed() {
        AuditVerification result = last;
        return result == null ? null : !result.ok();
    }

    /** What the last verification found wrong, or null. */
    public String problem() {
        AuditVerification result = last;
        return result == null || result.ok() ? null : result.problem() + " at " + result.brokenAt();
    }

    @Override
    protected void runOnce() {
        try {
            AuditVerification result = verifier.verify(1, Long.MAX_VALUE);
            if (!result.ok()) {
                log.error("ALERT the audit chain does not verify: {} at sequence {} ({})", result.problem(),
                        result.brokenAt(), result.reason());
            }
            last = result;
        }
        catch (RuntimeException e) {
            log.warn("Could not verify the audit chain (trying again in {}): {}", every, e.toString());
        }
    }
}
