package io.fillonce.bench.platform;

import java.util.OptionalDouble;

/**
 * Which arrival rate to try next when looking for the highest sustained one: from {@code start}, double while a
 * rate holds (up to {@code max}) or halve while it does not (down to {@code min}); once a held and a failed rate are
 * known, bisect between them {@code refinements} times. The answer is the highest rate that held (0 if none did).
 */
final class RateSearch {

    private final double min;
    private final double max;
    private final int refinements;
    private double held;
    private double failed = Double.NaN;
    private double next;
    private int bisections;
    private boolean done;

    RateSearch(double start, double min, double max, int refinements) {
        this.min = min;
        this.max = max;
        this.refinements = refinements;
        this.next = start;
    }

    /** The rate to try now, or empty when the search is over. */
    OptionalDouble next() {
        return done ? OptionalDouble.empty() : OptionalDouble.of(next);
    }

    /** Records whether the rate {@link #next()} gave held. */
    void record(boolean sustained) {
        double tried = next;
        if (sustained) {
            held = Math.max(held, tried);
        }
        else {
            failed = Double.isNaN(failed) ? tried : Math.min(failed, tried);
        }
        if (Double.isNaN(failed)) {
            done = tried >= max;
            next = Math.min(max, tried * 2);
        }
        else if (held == 0) {
            done = tried <= min;
            next = Math.max(min, tried / 2);
        }
        else {
            done = bisections++ >= refinements;
            next = round((held + failed) / 2);
        }
    }

    /** The highest rate that held so far. */
    double sustained() {
        return held;
    }

    private static double round(double rate) {
        return rate >= 10 ? Math.round(rate) : Math.round(rate * 10) / 10.0;
    }
}
