package io.fillonce.gateway.principal;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;

/**
 * How long ago the registry view was last seen caught up with {@code fillonce.registry}: the consumer's position at
 * the end offset of every partition it reads, 0 while it is. The consumer's thread looks at most once a second (one
 * end-offsets request: a constant cost, whatever the topic holds). A look Kafka does not answer is not caught up,
 * and neither is a look older than {@link #FRESH} (a consumer stuck, or lost while it reconnects); before the first
 * look that finds the view caught up, the age counts from when the view started.
 */
final class ViewAge {

    /** The gauge: {@code fillonce_registry_view_age_seconds} in Prometheus. */
    static final String GAUGE = "fillonce.registry.view.age";

    static final Duration LOOK_EVERY = Duration.ofSeconds(1);

    static final Duration LOOK_TIMEOUT = Duration.ofSeconds(2);

    static final Duration FRESH = Duration.ofSeconds(5);

    private final LongSupplier nanoTime;

    private volatile long lookedAt;

    private volatile boolean caughtUp;

    private volatile long caughtUpAt;

    ViewAge(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.caughtUpAt = nanoTime.getAsLong();
        this.lookedAt = caughtUpAt - LOOK_EVERY.toNanos();
    }

    /** Compares the consumer's positions with the end offsets now, unless it did so less than a second ago. */
    void look(Consumer<?, ?> consumer) {
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
    double seconds() {
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
        try {
            Map<TopicPartition, Long> ends = consumer.endOffsets(assignment, LOOK_TIMEOUT);
            return ends.size() == assignment.size() && ends.entrySet().stream()
                    .allMatch(end -> consumer.position(end.getKey(), LOOK_TIMEOUT) >= end.getValue());
        }
        catch (WakeupException | InterruptException e) {
            throw e; // the consumer is being stopped: not ours to swallow
        }
        catch (KafkaException e) {
            return false;
        }
    }
}
