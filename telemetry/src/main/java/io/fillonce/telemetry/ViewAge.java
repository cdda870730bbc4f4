package io.fillonce.telemetry;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.LongSupplier;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * How long ago the registry view was last seen caught up with {@code fillonce.registry}: the consumer's position at
 * the end offset of every partition it reads, 0 while it is. The consumer's thread looks at most once a second, at
 * the lag its own fetches last reported (no request of its own: a fetch carries the partition's end); an unknown lag
 * is not caught up, and neither is a look older than {@link #FRESH} (a consumer stuck, or lost while it
 * reconnects); before the first look that finds the view caught up, the age counts from when the view started.
 */
public final class ViewAge {

    /** The gauge: {@code fillonce_registry_view_age_seconds} in Prometheus. */
    public static final String GAUGE = "fillonce.registry.view.age";

    static final Duration LOOK_EVERY = Duration.ofSeconds(1);

    static final Duration FRESH = Duration.ofSeconds(5);

    private final LongSupplier nanoTime;

    private volatile long lookedAt;

    private volatile boolean caughtUp;

    private volatile long caughtUpAt;

    public ViewAge(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.caughtUpAt = nanoTime.getAsLong();
        this.lookedAt = caughtUpAt - LOOK_EVERY.toNanos();
    }

    /** Compares the consumer's positions with the end offsets now, unless it did so less than a second ago. */
    public void look(Consumer<?, ?> consumer) {
        long now = nanoTime.getAsLong();
        if (now - lookedAt < LOOK_EVERY.toNanos()) {
            return;
        }
        boolean atEnd = atEnd(consumer);
        lookedAt = now;
        caughtUp = atEnd;
        if (atEnd) {
            caughtUpAt = now;
        }
    }

    /** Seconds since the view was last seen caught up; 0 while it is. */
    public double seconds() {
        long now = nanoTime.getAsLong();
        if (caughtUp && now - lookedAt <= FRESH.toNanos()) {
            return 0;
        }
        return (now - caughtUpAt) / 1e9;
    }

    private static boolean atEnd(Consumer<?, ?> consumer) {
        Set<TopicPartition> assignment = consumer.assignment();
        if (assignment.isEmpty()) {
            return false;
        }
        // the lag the consumer's own fetches last reported (no request of its own): unknown counts as behind
        return assignment.stream().allMatch(partition -> {
            OptionalLong lag = consumer.currentLag(partition);
            return lag.isPresent() && lag.getAsLong() == 0;
        });
    }
}
