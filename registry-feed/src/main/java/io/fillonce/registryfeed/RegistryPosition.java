package io.fillonce.registryfeed;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;

/**
 * How far this instance's registry views have read the registry topic: the next offset per partition (keys are
 * partition numbers as text, as a service may store them), and whether they have caught up with what the topic held
 * when this instance started following it. A view that has reached a position holds every entry written before it.
 * Written by the registry feed's consumer thread only; read by anyone.
 */
public class RegistryPosition implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(RegistryPosition.class);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(10);

    private final Map<Integer, Long> reached = new ConcurrentHashMap<>();
    private final Map<String, Object> adminConfig;
    private volatile boolean caughtUp;
    private volatile Admin admin;

    RegistryPosition(Map<String, Object> adminConfig) {
        this.adminConfig = Map.copyOf(adminConfig);
    }

    /** Whether the views hold everything the topic held at start-up; once true it stays true. */
    public boolean isCaughtUp() {
        return caughtUp;
    }

    /** The next offset to apply, per partition. */
    public Map<String, Long> snapshot() {
        return reached.entrySet().stream()
                .collect(Collectors.toMap(e -> String.valueOf(e.getKey()), Map.Entry::getValue));
    }

    /** Whether the views hold everything before {@code position} (a {@link #snapshot()}, maybe another instance's). */
    public boolean hasReached(Map<String, Long> position) {
        return position.entrySet().stream()
                .allMatch(p -> reached(Integer.parseInt(p.getKey())) >= p.getValue());
    }

    /**
     * Waits until the views hold everything the topic holds now; false when that did not happen within
     * {@code patience} (or the topic's end could not be read).
     */
    public boolean awaitCurrent(Duration patience) {
        Map<String, Long> end;
        try {
            end = end();
        }
        catch (RuntimeException e) {
            log.warn("Could not read the end of {}: {}", RegistryTopic.NAME, e.toString());
            return false;
        }
        long deadline = System.nanoTime() + patience.toNanos();
        synchronized (this) {
            while (!hasReached(end)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    log.warn("The registry view did not reach {} within {} (it is at {})", end, patience, snapshot());
                    return false;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                }
                catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return true;
    }

    synchronized void advance(int partition, long next) {
        reached.merge(partition, next, Math::max);
        notifyAll();
    }

    long reached(int partition) {
        return reached.getOrDefault(partition, 0L);
    }

    void markCaughtUp() {
        caughtUp = true;
    }

    private Map<String, Long> end() {
        Admin client = admin();
        try {
            List<TopicPartition> partitions = client.describeTopics(List.of(RegistryTopic.NAME)).allTopicNames()
                    .get(ADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS).get(RegistryTopic.NAME).partitions().stream()
                    .map(p -> new TopicPartition(RegistryTopic.NAME, p.partition())).toList();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            partitions.forEach(p -> latest.put(p, OffsetSpec.latest()));
            return client.listOffsets(latest).all().get(ADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS).entrySet()
                    .stream()
                    .collect(Collectors.toMap(e -> String.valueOf(e.getKey().partition()), e -> e.getValue().offset()));
        }
        catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not list the end offsets of " + RegistryTopic.NAME, e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while listing the end offsets of " + RegistryTopic.NAME, e);
        }
    }

    private Admin admin() {
        if (admin == null) {
            synchronized (this) {
                if (admin == null) {
                    admin = Admin.create(adminConfig);
                }
            }
        }
        return admin;
    }

    @Override
    public void destroy() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
    }
}
