package io.fillonce.bench.platform;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StepTests {

    private static final Duration BOUND = Duration.ofSeconds(2);

    private static final Latency FAST = new Latency(100, 5.0, 20.0, 30.0, 31.0);

    @Test
    void everyAnswerOnTimeAndEveryDeliveryMeansSustained() {
        Step step = Step.judge(outcome(100, Map.of(), false, FAST), 900L, 900L, FAST, BOUND);

        assertThat(step.sustained()).isTrue();
        assertThat(step.why()).isEmpty();
    }

    @Test
    void errorsLatenessAndMissingDeliveriesAreEachNamed() {
        Latency slow = new Latency(100, 50.0, 2500.0, 3000.0, 3100.0);

        Step step = Step.judge(outcome(90, Map.of(429, 10), true, slow), 700L, 900L, slow, BOUND);

        assertThat(step.sustained()).isFalse();
        assertThat(step.why()).contains("fell behind schedule after 100 of 100").contains("{429=10}")
                .contains("p99 answer 2500 ms > 2000 ms").contains("700 of 900 deliveries")
                .contains("p99 submit → last department 2500 ms");
    }

    @Test
    void withoutWatchedDeliveriesOnlyTheAnswersCount() {
        Step step = Step.judge(outcome(100, Map.of(), false, FAST), null, null, Latency.NONE, BOUND);

        assertThat(step.sustained()).isTrue();
        assertThat(step.describe()).doesNotContain("deliveries");
    }

    private static OpenLoad.Outcome outcome(int succeeded, Map<Integer, Integer> failures, boolean behind,
            Latency response) {
        return new OpenLoad.Outcome(10, 100, 100, 100, succeeded, failures, behind, response, new java.util.BitSet());
    }
}
