package io.fillonce.intake.record;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.fillonce.intake.InMemoryMongo;
import io.fillonce.intake.IntakeProperties;
import io.fillonce.intake.MovableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.data.mongodb.core.MongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Idempotency keys on the MongoDB wire server, with a clock the tests move. */
class IdempotencyKeysTests {

    @RegisterExtension
    static final InMemoryMongo MONGO = new InMemoryMongo();

    private static final Duration TTL = Duration.ofHours(24);

    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-27T08:00:00Z"));

    private final AtomicInteger runs = new AtomicInteger();

    private MongoTemplate mongo;

    private IdempotencyKeys keys;

    @BeforeEach
    void emptyStore() {
        mongo = MONGO.emptyDatabase("idempotency-tests");
        // the defaults as bound (written once, in IntakeProperties), but for the key's ttl and wait
        IntakeProperties properties = new Binder(new MapConfigurationPropertySource(Map.of(
                "fillonce.intake.idempotency.ttl", TTL.toString(), "fillonce.intake.idempotency.wait-for", "200ms")))
                .bindOrCreate("fillonce.intake", IntakeProperties.class);
        keys = new IdempotencyKeys(mongo, properties, clock);
    }

    @Test
    void runsTheWorkOnceAndRepeatsItsAnswer() {
        Submission first = keys.run("cadre:1", "k1", "POST resident\n{}", this::work);
        Submission repeat = keys.run("cadre:1", "k1", "POST resident\n{}", this::work);

        assertThat(runs).hasValue(1);
        assertThat(repeat).isEqualTo(first);
        assertThat(repeat.created()).isTrue();
    }

    @Test
    void keepsKeysApartPerPrincipal() {
        keys.run("cadre:1", "k1", "POST resident\n{}", this::work);
        keys.run("cadre:2", "k1", "POST resident\n{}", this::work);

        assertThat(runs).hasValue(2);
    }

    @Test
    void refusesTheKeyForADifferentRequest() {
        keys.run("cadre:1", "k1", "POST resident\n{\"a\":1}", this::work);

        assertThatExceptionOfType(IdempotencyKeyReused.class)
                .isThrownBy(() -> keys.run("cadre:1", "k1", "POST resident\n{\"a\":2}", this::work))
                .withMessageContaining("different request body");
        assertThat(runs).hasValue(1);
    }

    @Test
    void ignoresAnExpiredKeyAndSweepsItAway() {
        keys.run("cadre:1", "k1", "POST resident\n{\"a\":1}", this::work);
        clock.advance(TTL.plusSeconds(1));

        assertThat(keys.run("cadre:1", "k1", "POST resident\n{\"a\":2}", this::work).receipt().version()).isEqualTo(2);
        keys.run("cadre:1", "k2", "POST resident\n{}", this::work);
        clock.advance(TTL.plusSeconds(1));
        keys.sweep();

        assertThat(mongo.count(new org.springframework.data.mongodb.core.query.Query(), IdempotentRequest.class))
                .isZero();
    }

    @Test
    void releasesTheKeyWhenTheFirstRequestFails() {
        assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> keys.run("cadre:1", "k1", "r", () -> {
            throw new IllegalStateException("refused");
        }));

        assertThat(keys.run("cadre:1", "k1", "r", this::work).receipt().version()).isEqualTo(1);
    }

    @Test
    void answersInFlightWhileTheFirstRequestIsStillPendingThenTakesAnAbandonedKeyOver() {
        mongo.insert(IdempotentRequest.pending("cadre:1 k1", IdempotencyKeys.sha256("r"), clock.instant(),
                clock.instant().plus(TTL)));

        assertThatExceptionOfType(IdempotencyKeyInFlight.class)
                .isThrownBy(() -> keys.run("cadre:1", "k1", "r", this::work));
        clock.advance(Duration.ofSeconds(1));

        assertThat(keys.run("cadre:1", "k1", "r", this::work).receipt().version()).isEqualTo(1);
    }

    @Test
    void refusesUnusableKeys() {
        assertThatExceptionOfType(InvalidIdempotencyKey.class).isThrownBy(() -> keys.run("c", " ", "r", this::work));
        assertThatExceptionOfType(InvalidIdempotencyKey.class)
                .isThrownBy(() -> keys.run("c", "k\u00e9", "r", this::work));
    }

    private Submission work() {
        int run = runs.incrementAndGet();
        return new Submission(new SubmissionReceipt("rec-1", "resident", "370602199001011234", run), true);
    }

    /** A clock the test moves; the idempotency code reads it whenever it needs "now". */
}
