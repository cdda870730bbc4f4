package io.fillonce.telemetry;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

class ViewAgeTests {

    private static final TopicPartition PARTITION = new TopicPartition("fillonce.registry", 0);

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    private final ViewAge age = new ViewAge(nanos::get);

    @SuppressWarnings("unchecked")
    private final Consumer<String, String> consumer = mock(Consumer.class);

    @Test
    void countsFromTheStartUntilTheViewIsFirstSeenAtTheEnd() {
        given(consumer.assignment()).willReturn(Set.of());
        later(Duration.ofSeconds(3));
        age.look(consumer);

        assertThat(age.seconds()).isEqualTo(3.0);
    }

    @Test
    void isZeroWhileThePositionIsAtTheEndAndCountsFromThereOnceItFallsBehind() {
        at(10, 10);
        age.look(consumer);
        assertThat(age.seconds()).isZero();

        later(Duration.ofSeconds(1));
        at(10, 12);
        age.look(consumer);
        later(Duration.ofMillis(500));

        assertThat(age.seconds()).isEqualTo(1.5);
    }

    @Test
    void looksAtMostOnceASecond() {
        at(10, 12);
        age.look(consumer);
        later(Duration.ofMillis(400));
        at(12, 12);
        age.look(consumer);

        assertThat(age.seconds()).isEqualTo(0.4);
    }

    @Test
    void anUnknownLagOrAnOldLookIsNotCaughtUp() {
        at(10, 10);
        age.look(consumer);
        later(Duration.ofSeconds(2));
        given(consumer.currentLag(PARTITION)).willReturn(OptionalLong.empty()); // no fetch has told it yet
        age.look(consumer);
        assertThat(age.seconds()).isEqualTo(2.0);

        ViewAge stuck = new ViewAge(nanos::get);
        at(10, 10);
        stuck.look(consumer);
        later(ViewAge.FRESH.plusSeconds(1));
        assertThat(stuck.seconds()).isEqualTo(6.0);
    }

    private void at(long position, long end) {
        given(consumer.assignment()).willReturn(Set.of(PARTITION));
        given(consumer.currentLag(PARTITION)).willReturn(OptionalLong.of(end - position));
    }

    private void later(Duration by) {
        nanos.addAndGet(by.toNanos());
    }
}
