package io.fillonce.sync.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.mongodb.core.MongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** Two sync instances' leases on the MongoDB wire server: only one works a lane until its lease ends. */
class LaneLeasesIntegrationTests {

    private static final Duration TTL = Duration.ofMinutes(2);

    private final MongoServer server = new MongoServer(new MemoryBackend());
    private final MongoClient client = MongoClients.create(server.bindAndGetConnectionString());
    private final MongoTemplate mongo = new MongoTemplate(client, "leases");

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void onlyOneInstanceHoldsALaneUntilItsLeaseEndsOrIsReleased() {
        LaneLeases first = new LaneLeases(mongo, TTL, Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC));
        MovingClock secondClock = new MovingClock(Instant.parse("2026-11-27T10:01:00Z"));
        LaneLeases second = new LaneLeases(mongo, TTL, secondClock);

        assertThat(first.hold("health|webhook")).isTrue();
        assertThat(second.hold("health|webhook")).isFalse();
        assertThat(second.hold("health|feed")).isTrue();
        assertThat(first.hold("health|webhook")).as("renewal by the holder").isTrue();

        secondClock.now = Instant.parse("2026-11-27T10:02:01Z");
        assertThat(second.hold("health|webhook")).as("the first lease ended at 10:02").isTrue();
        assertThat(first.hold("health|webhook")).isFalse();

        second.release(List.of("health|webhook"));
        assertThat(first.hold("health|webhook")).isTrue();
    }

    /** A clock a test moves forward. */
    private static final class MovingClock extends Clock {

        private Instant now;

        MovingClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
