package io.fillonce.bench.platform;

import java.util.concurrent.TimeUnit;

import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.ConcurrentHistogram;

/**
 * Percentiles of one set of latencies, in milliseconds. The open-model load measures each from the moment the
 * request was due, not from when it was sent, so a stalled system's queueing is counted (no coordinated omission).
 * Without any sample the percentiles are null.
 */
record Latency(long count, Double p50Ms, Double p99Ms, Double p999Ms, Double maxMs) {

    static final Latency NONE = new Latency(0, null, null, null, null);

    /** A histogram for latencies up to an hour at three significant digits, recorded in microseconds. */
    static ConcurrentHistogram histogram() {
        return new ConcurrentHistogram(TimeUnit.HOURS.toMicros(1), 3);
    }

    static void record(AbstractHistogram histogram, long nanos) {
        long micros = Math.max(1, TimeUnit.NANOSECONDS.toMicros(nanos));
        histogram.recordValue(Math.min(micros, histogram.getHighestTrackableValue()));
    }

    static Latency of(AbstractHistogram histogram) {
        if (histogram.getTotalCount() == 0) {
            return NONE;
        }
        return new Latency(histogram.getTotalCount(), millis(histogram.getValueAtPercentile(50)),
                millis(histogram.getValueAtPercentile(99)), millis(histogram.getValueAtPercentile(99.9)),
                millis(histogram.getMaxValue()));
    }

    private static Double millis(long micros) {
        return micros / 1000.0;
    }
}
