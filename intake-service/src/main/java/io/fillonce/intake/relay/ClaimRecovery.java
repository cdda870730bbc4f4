package io.fillonce.intake.relay;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;

import io.fillonce.intake.IntakeProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The periodic recovery scan, on every instance. It reads the whole of {@code relay_claims} (pending work only, so
 * it costs what is pending, never what is stored) and then every instance's heartbeat (in that order: a claim
 * stored after an instance's heartbeat renewal is never taken for a dead instance's), and
 * <ul>
 * <li>publishes this instance's claims that are due: their publication failed (Kafka away, an event refused) and
 * {@code retry-after} passed, there was no room to hand them over, or their write failed in an unknown way and
 * {@code stale-after} passed;</li>
 * <li>takes over the claims of instances whose heartbeat is stale (or that left) and publishes them;</li>
 * <li>forgets dead instances that own no claim;</li>
 * <li>sets the backlog gauge {@code fillonce.relay.backlog}: the versions of all pending claims (exact per claim:
 * a claim counts until all its events are acknowledged), and {@code fillonce.relay.oldest}: seconds since the
 * oldest pending claim was stored (its events are the oldest waiting to be published), 0 when none is pending.</li>
 * </ul>
 * Publication runs on its own thread, one claim after the other, so the scan never holds up the scheduler.
 */
@Component
class ClaimRecovery {

    private static final Logger log = LoggerFactory.getLogger(ClaimRecovery.class);

    private final Claims claims;

    private final RelayInstance instance;

    private final RecordRelay relay;

    private final AtomicLong backlog = new AtomicLong();

    /** When the oldest pending claim was stored, as of the last scan; {@code null} when none was pending. */
    private volatile Instant oldest;

    private final ExecutorService recovery = RecordRelay.single("relay-recovery");

    ClaimRecovery(Claims claims, RelayInstance instance, RecordRelay relay, MeterRegistry meters) {
        this.claims = claims;
        this.instance = instance;
        this.relay = relay;
        Gauge.builder("fillonce.relay.backlog", backlog, AtomicLong::get)
                .description("Accepted record versions whose event is not yet acknowledged by Kafka")
                .register(meters);
        Gauge.builder("fillonce.relay.oldest", this, ClaimRecovery::oldestSeconds)
                .description("Age of the oldest accepted record version whose event is not yet acknowledged by Kafka")
                .baseUnit("seconds")
                .register(meters);
    }

    @Scheduled(fixedDelayString = "#{" + IntakeProperties.BOUND + ".relay().interval().toMillis()}")
    void scan() {
        try {
            instance.renewIfOld(); // what this instance takes over must not look dead to the others
            List<ClaimDocument> pending = claims.all();
            Map<String, Instant> heartbeats = instance.heartbeats();
            backlog.set(pending.stream().mapToLong(ClaimDocument::versions).sum());
            oldest = pending.stream().map(ClaimDocument::createdAt).filter(Objects::nonNull).min(Instant::compareTo)
                    .orElse(null);
            Set<String> owners = new HashSet<>();
            for (ClaimDocument claim : pending) {
                owners.add(claim.owner());
                if (claim.owner().equals(instance.id())) {
                    if (relay.due(claim.id())) {
                        recover(claim.id());
                    }
                }
                else if (instance.dead(heartbeats.get(claim.owner()))
                        && claims.takeOver(claim.id(), claim.owner(), instance.id())) {
                    log.info("Took over claim {} of stopped instance {}", claim.id(), claim.owner());
                    recover(claim.id());
                }
            }
            heartbeats.forEach((other, heartbeatAt) -> {
                if (!owners.contains(other) && !other.equals(instance.id()) && instance.dead(heartbeatAt)) {
                    instance.forget(other, heartbeatAt);
                }
            });
        }
        catch (DataAccessException e) {
            log.warn("Recovery scan stopped, MongoDB failed; the next scan retries: {}", e.getMessage());
        }
    }

    long backlog() {
        return backlog.get();
    }

    /** Seconds since the oldest claim pending at the last scan was stored; 0 when none was. */
    double oldestSeconds() {
        Instant since = oldest;
        return since == null ? 0 : Math.max(0, Duration.between(since, instance.now()).toMillis() / 1000.0);
    }

    @PreDestroy
    void stop() {
        recovery.shutdownNow();
    }

    private void recover(String claimId) {
        relay.recovering(claimId);
        recovery.execute(() -> relay.recover(claimId));
    }
}
