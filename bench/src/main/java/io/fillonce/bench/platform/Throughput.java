package io.fillonce.bench.platform;

/**
 * How many of something were done in how long, and at what rate; {@code finished} false when it did not get through
 * ({@code detail} says how far it got).
 */
record Throughput(long count, double seconds, double perSecond, boolean finished, String detail) {

    static Throughput of(long count, long nanos) {
        double seconds = nanos / 1e9;
        return new Throughput(count, seconds, count / seconds, true, "");
    }

    static Throughput unfinished(long count, long nanos, String detail) {
        double seconds = nanos / 1e9;
        return new Throughput(count, seconds, count / seconds, false, detail);
    }
}
