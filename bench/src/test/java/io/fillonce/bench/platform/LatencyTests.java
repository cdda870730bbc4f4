package io.fillonce.bench.platform;

import java.util.concurrent.TimeUnit;

import org.HdrHistogram.ConcurrentHistogram;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LatencyTests {

    @Test
    void percentilesInMillisecondsOfLatenciesRecordedInNanoseconds() {
        ConcurrentHistogram histogram = Latency.histogram();
        for (int millis = 1; millis <= 1000; millis++) {
            Latency.record(histogram, TimeUnit.MILLISECONDS.toNanos(millis));
        }

        Latency latency = Latency.of(histogram);

        assertThat(latency.count()).isEqualTo(1000);
        assertThat(latency.p50Ms()).isCloseTo(500, within(1.0));
        assertThat(latency.p99Ms()).isCloseTo(990, within(1.0));
        assertThat(latency.p999Ms()).isCloseTo(999, within(1.0));
        assertThat(latency.maxMs()).isCloseTo(1000, within(1.0));
    }

    @Test
    void oneSlowAnswerInAThousandIsTheP999NotTheP99() {
        ConcurrentHistogram histogram = Latency.histogram();
        for (int i = 0; i < 999; i++) {
            Latency.record(histogram, TimeUnit.MILLISECONDS.toNanos(10));
        }
        Latency.record(histogram, TimeUnit.SECONDS.toNanos(5));

        Latency latency = Latency.of(histogram);

        assertThat(latency.p99Ms()).isCloseTo(10, within(0.1));
        assertThat(latency.maxMs()).isCloseTo(5000, within(5.0));
    }

    @Test
    void noSamplesNoPercentiles() {
        assertThat(Latency.of(Latency.histogram())).isEqualTo(Latency.NONE);
        assertThat(Latency.NONE.p99Ms()).isNull();
    }

    @Test
    void aLatencyBeyondAnHourIsKeptAsAnHour() {
        ConcurrentHistogram histogram = Latency.histogram();

        Latency.record(histogram, TimeUnit.HOURS.toNanos(3));

        assertThat(Latency.of(histogram).maxMs()).isCloseTo(3_600_000, within(3_600.0));
    }
}
