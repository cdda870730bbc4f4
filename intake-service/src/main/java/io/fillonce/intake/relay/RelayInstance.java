package io.fillonce.intake.relay;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.fillonce.intake.IntakeProperties;
import io.fillonce.intake.record.OutboxUnavailable;
import jakarta.annotation.PreDestroy;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * This intake instance as the others see it: one document {@code {_id: <instance id>, heartbeatAt}} in
 * {@code relay_instances}, renewed every {@code heartbeat-interval} (and by a writer whose heartbeat grew old). An
 * instance whose heartbeat is older than {@code stale-after} is taken for dead and its claims are taken over; one
 * that stops cleanly deletes its document, so its claims are taken over at once.
 * <p>
 * Fencing: an instance writes under its claims only while it can prove no other instance may have taken them over,
 * i.e. within {@code stale-after / 2} of the start of its last successful renewal ({@link #fence()}). Another
 * instance takes over only {@code stale-after} after that renewal, so a write issued in time would have to be in
 * flight for more than {@code stale-after / 2} to land after a takeover.
 */
@Component
class RelayInstance {

    static final String COLLECTION = "relay_instances";

    private static final Logger log = LoggerFactory.getLogger(RelayInstance.class);

    private final MongoTemplate mongo;

    private final Duration staleAfter;

    private final Clock clock;

    private final String id;

    /** Until when this instance may write under its claims (start of its last renewal + stale-after / 2). */
    private volatile Instant fencedAt = Instant.EPOCH;

    @Autowired
    RelayInstance(MongoTemplate mongo, IntakeProperties properties) {
        this(mongo, properties.relay().staleAfter(), Clock.systemUTC(), "intake-" + UUID.randomUUID());
    }

    RelayInstance(MongoTemplate mongo, Duration staleAfter, Clock clock, String id) {
        this.mongo = mongo;
        this.staleAfter = staleAfter;
        this.clock = clock;
        this.id = id;
    }

    /** Now, on the clock that stamps heartbeats and claims. */
    Instant now() {
        return clock.instant();
    }

    String id() {
        return id;
    }

    @Scheduled(fixedDelayString = "#{" + IntakeProperties.BOUND + ".relay().heartbeatInterval().toMillis()}")
    void heartbeat() {
        try {
            renew();
        }
        catch (DataAccessException e) {
            log.warn("Could not renew this instance's relay heartbeat: {}", e.getMessage());
        }
    }

    /** Renews the heartbeat first if it is older than a quarter of {@code stale-after} (a new claim follows). */
    void renewIfOld() {
        if (clock.instant().isAfter(fencedAt.minus(staleAfter.dividedBy(4)))) {
            renew();
        }
    }

    /**
     * Fails unless this instance may still write under the claims it holds: once the heartbeat lapsed past
     * {@code stale-after / 2}, another instance may have taken them over, and only new claims may be written.
     */
    void fence() {
        if (clock.instant().isAfter(fencedAt)) {
            throw new OutboxUnavailable("This intake instance's relay heartbeat lapsed (MongoDB slow or away, or the "
                    + "instance stalled): it writes nothing under its claims now; please retry.");
        }
        renewIfOld();
    }

    /** Last heartbeat of every instance known, by instance id. */
    Map<String, Instant> heartbeats() {
        Map<String, Instant> beats = new HashMap<>();
        for (Document instance : mongo.findAll(Document.class, COLLECTION)) {
            beats.put(instance.getString("_id"), instance.getDate("heartbeatAt").toInstant());
        }
        return beats;
    }

    /** Whether an instance with this last heartbeat ({@code null}: none known) is taken for dead. */
    boolean dead(Instant heartbeatAt) {
        return heartbeatAt == null || heartbeatAt.isBefore(clock.instant().minus(staleAfter));
    }

    /** Forgets a dead instance once none of its claims is left (only while its heartbeat is still the old one). */
    void forget(String instance, Instant heartbeatAt) {
        mongo.remove(Query.query(Criteria.where("_id").is(instance).and("heartbeatAt").is(heartbeatAt)), COLLECTION);
    }

    @PreDestroy
    void leave() {
        try {
            fencedAt = Instant.EPOCH;
            mongo.remove(Query.query(Criteria.where("_id").is(id)), COLLECTION);
        }
        catch (DataAccessException e) {
            log.warn("Could not deregister from the relay; others take over its claims after stale-after: {}",
                    e.getMessage());
        }
    }

    private synchronized void renew() {
        Instant start = clock.instant();
        mongo.upsert(Query.query(Criteria.where("_id").is(id)), new Update().set("heartbeatAt", start), COLLECTION);
        Instant until = start.plus(staleAfter.dividedBy(2));
        if (until.isAfter(fencedAt)) {
            fencedAt = until;
        }
    }
}
