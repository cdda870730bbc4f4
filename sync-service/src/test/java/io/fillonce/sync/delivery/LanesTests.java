package io.fillonce.sync.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import io.fillonce.sync.audit.AuditLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.mongodb.core.MongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anySet;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class LanesTests {

    private final Ledger ledger = mock(Ledger.class);
    private final RecordingChannel feed = new RecordingChannel();
    private final Lanes lanes = new Lanes(ledger, mock(AuditLog.class), mock(MongoTemplate.class), List.of(feed),
            new LaneSettings(10, Duration.ofMillis(20), Duration.ofMinutes(2)));

    @AfterEach
    void stop() {
        lanes.destroy();
    }

    @Test
    void startsALaneForEveryDepartmentWithEntriesLeftWaitingByAnEarlierRun() {
        when(ledger.busyLanes()).thenReturn(Set.of(List.of("health", "feed")));
        when(ledger.waiting(eq("health"), eq("feed"), anySet(), anyInt()))
                .thenReturn(List.of(entry("a", 1), entry("a", 2)), List.of());

        lanes.start();

        verify(ledger, timeout(2000)).delivered(eq("e-a:2|health|feed"), eq(1), any(), eq(2L));
        assertThat(feed.sent).containsExactly("e-a:1", "e-a:2");
    }

    @Test
    void deliversLaterVersionsOfAnEntityOnlyAfterTheEarlierOneAndSkipsParkedEntities() {
        when(ledger.busyLanes()).thenReturn(Set.of());
        when(ledger.parked("health", "feed")).thenReturn(Set.of("resident/parked"));
        feed.failing = "e-b:1";
        when(ledger.waiting(eq("health"), eq("feed"), anySet(), anyInt()))
                .thenReturn(List.of(entry("b", 1), entry("c", 1), entry("b", 2), entry("c", 2), entry("parked", 9)),
                        List.of());
        lanes.start();

        lanes.wake("health", "feed");

        verify(ledger, timeout(2000)).delivered(eq("e-c:2|health|feed"), eq(1), any(), any());
        assertThat(feed.sent).containsExactly("e-b:1", "e-c:1", "e-c:2");
        verify(ledger).failed(eq("e-b:1|health|feed"), eq(1), eq("refused"), any(Instant.class));
        verify(ledger, never()).delivered(eq("e-b:2|health|feed"), anyInt(), any(), any());
    }

    private static Delivery entry(String entity, long version) {
        String event = "e-" + entity + ":" + version;
        return new Delivery(Delivery.id(event, "health", "feed"), event, "health", "feed", "sub", "p", "l", "resident",
                entity, "resident/" + entity, version, "2026-11-27T08:00:00Z", "{}", "sha256:x",
                DeliveryStatus.PENDING, 0, null, Instant.now(), null, null, null, null, null);
    }

    /** A channel that records what it sent, refuses one event, and gives each delivery its version as position. */
    private static final class RecordingChannel implements Channel {

        private final List<String> sent = new java.util.concurrent.CopyOnWriteArrayList<>();
        private volatile String failing;

        @Override
        public String name() {
            return "feed";
        }

        @Override
        public Long send(Delivery delivery) {
            sent.add(delivery.eventId());
            if (delivery.eventId().equals(failing)) {
                throw DeliveryAttemptFailed.retryable("refused");
            }
            return delivery.version();
        }

        @Override
        public boolean deadLetters() {
            return false;
        }

        @Override
        public Duration pause() {
            return Duration.ofMinutes(1);
        }
    }
}
