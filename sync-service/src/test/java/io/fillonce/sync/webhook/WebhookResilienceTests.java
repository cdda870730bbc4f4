package io.fillonce.sync.webhook;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebhookResilienceTests {

    private static WebhookResilience resilience(Duration maxBackoff) {
        return new WebhookResilience(new WebhookSettings(true, Duration.ofSeconds(2), Duration.ofSeconds(10), 3,
                Duration.ofMillis(1), maxBackoff, Duration.ofSeconds(30)));
    }

    @Test
    void waitsAsLongAsRetryAfterAsksBeforeTheNextTry() throws Exception {
        AtomicInteger tries = new AtomicInteger();
        long start = System.nanoTime();

        Long result = resilience(Duration.ofSeconds(5)).guard("a", () -> {
            if (tries.incrementAndGet() == 1) {
                throw DeliveryAttemptFailed.answered(429, Duration.ofMillis(400));
            }
            return 7L;
        }).call();

        assertThat(result).isEqualTo(7L);
        assertThat(tries).hasValue(2);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
    }

    @Test
    void capsRetryAfterAtTheLongestBackoff() {
        AtomicInteger tries = new AtomicInteger();
        long start = System.nanoTime();

        assertThatThrownBy(() -> resilience(Duration.ofMillis(50)).guard("b", () -> {
            tries.incrementAndGet();
            throw DeliveryAttemptFailed.answered(503, Duration.ofHours(1));
        }).call()).isInstanceOf(DeliveryAttemptFailed.class);

        assertThat(tries).hasValue(3);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void doesNotRetryAPermanentFailure() {
        AtomicInteger tries = new AtomicInteger();

        assertThatThrownBy(() -> resilience(Duration.ofMillis(50)).guard("c", () -> {
            tries.incrementAndGet();
            throw DeliveryAttemptFailed.permanent("410 Gone");
        }).call()).hasMessage("410 Gone");

        assertThat(tries).hasValue(1);
    }
}
