package io.fillonce.intake.record;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.function.Supplier;

import io.fillonce.intake.IntakeProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * {@code Idempotency-Key} handling with single-document atomic writes only: the first request with a key inserts a
 * {@code PENDING} document under the unique id {@code <principal> <key>}, does the work and completes the document
 * with its answer; a repeat with the same request hash gets that answer (waiting for a pending first request), a
 * repeat with another hash is refused. A failed first request releases its key; one whose instance died is taken
 * over after three waits (its record, if it was stored, then answers 200 as an unchanged resubmission).
 */
@Component
class IdempotencyKeys implements EntityTraces {

    static final int MAX_KEY_LENGTH = 255;

    private static final Logger log = LoggerFactory.getLogger(IdempotencyKeys.class);

    /** A repeat looks again after 25 ms, then each time twice as long, at most every 200 ms. */
    private static final Duration FIRST_POLL = Duration.ofMillis(25);
    private static final Duration LONGEST_POLL = Duration.ofMillis(200);

    private final MongoTemplate mongo;

    private final Duration ttl;

    private final Duration wait;

    private final Clock clock;

    @Autowired
    IdempotencyKeys(MongoTemplate mongo, IntakeProperties properties) {
        this(mongo, properties, Clock.systemUTC());
    }

    IdempotencyKeys(MongoTemplate mongo, IntakeProperties properties, Clock clock) {
        this.mongo = mongo;
        this.ttl = properties.idempotency().ttl();
        this.wait = properties.idempotency().waitFor();
        this.clock = clock;
    }

    /** Runs {@code work} once per principal and key; without a key, just runs it. */
    Submission run(String principal, String key, String request, Supplier<Submission> work) {
        if (key == null) {
            return work.get();
        }
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH || !key.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            throw new InvalidIdempotencyKey(MAX_KEY_LENGTH);
        }
        String id = principal + " " + key;
        String hash = sha256(request);
        long deadline = System.nanoTime() + wait.toNanos();
        Duration poll = FIRST_POLL;
        while (true) {
            if (claim(id, hash)) {
                return firstRun(id, work);
            }
            IdempotentRequest earlier = mongo.findById(id, IdempotentRequest.class);
            if (earlier == null || earlier.expiredAt(clock.instant()) || abandoned(earlier)) {
                continue; // released, expired or abandoned meanwhile: claim it again
            }
            if (!earlier.requestHash().equals(hash)) {
                throw new IdempotencyKeyReused(key);
            }
            if (earlier.state() == IdempotentRequest.State.DONE) {
                return earlier.submission();
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IdempotencyKeyInFlight(key);
            }
            pause(poll);
            poll = poll.multipliedBy(2).compareTo(LONGEST_POLL) > 0 ? LONGEST_POLL : poll.multipliedBy(2);
        }
    }

    /** Deletes expired keys; they are already ignored, this only frees the space. */
    @Scheduled(fixedDelayString = "#{" + IntakeProperties.BOUND + ".idempotency().cleanupInterval().toMillis()}")
    void sweep() {
        try {
            long deleted = mongo.remove(Query.query(Criteria.where("expiresAt").lte(clock.instant())),
                    IdempotentRequest.class).getDeletedCount();
            log.debug("Deleted {} expired idempotency keys", deleted);
        }
        catch (DataAccessException e) {
            log.warn("Could not delete expired idempotency keys, the next sweep retries: {}", e.getMessage());
        }
    }

    /**
     * Deletes the keys whose kept answer names the erased entity (a scan: erasures are rare). A repeat of such a
     * request is then run again, as if its key were new.
     */
    @Override
    public void erase(SubmissionReceipt erased) {
        mongo.remove(Query.query(Criteria.where("receipt.type").is(erased.type()).and("receipt.entityKey")
                .is(erased.entityKey())), IdempotentRequest.class);
    }

    private boolean claim(String id, String hash) {
        Instant now = clock.instant();
        IdempotentRequest pending = IdempotentRequest.pending(id, hash, now, now.plus(ttl));
        try {
            mongo.insert(pending);
            return true;
        }
        catch (DuplicateKeyException taken) {
            Update takeOver = new Update().set("requestHash", hash).set("state", IdempotentRequest.State.PENDING)
                    .set("createdAt", now).set("expiresAt", now.plus(ttl)).unset("receipt").set("created", false);
            Criteria free = new Criteria().orOperator(Criteria.where("expiresAt").lte(now),
                    Criteria.where("state").is(IdempotentRequest.State.PENDING).and("createdAt").lte(abandonedBefore()));
            return mongo.findAndModify(Query.query(Criteria.where("_id").is(id).andOperator(free)), takeOver,
                    IdempotentRequest.class) != null;
        }
    }

    /** A first request still pending after three waits died with its instance; a repeat may take its key over. */
    private boolean abandoned(IdempotentRequest earlier) {
        return earlier.state() == IdempotentRequest.State.PENDING && !earlier.createdAt().isAfter(abandonedBefore());
    }

    private Instant abandonedBefore() {
        return clock.instant().minus(wait.multipliedBy(3));
    }

    private Submission firstRun(String id, Supplier<Submission> work) {
        Submission submission;
        try {
            submission = work.get();
        }
        catch (RuntimeException e) {
            mongo.remove(Query.query(Criteria.where("_id").is(id).and("state").is(IdempotentRequest.State.PENDING)),
                    IdempotentRequest.class);
            throw e;
        }
        mongo.updateFirst(Query.query(Criteria.where("_id").is(id)),
                new Update().set("state", IdempotentRequest.State.DONE).set("receipt", submission.receipt())
                        .set("created", submission.created()), IdempotentRequest.class);
        return submission;
    }

    private static void pause(Duration poll) {
        try {
            Thread.sleep(poll.toMillis());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for an earlier request with the same key", e);
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
