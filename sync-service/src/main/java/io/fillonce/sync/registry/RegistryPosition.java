package io.fillonce.sync.registry;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import io.fillonce.sync.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/**
 * How far this instance's registry view has read fillonce.registry: the next offset per partition (keys are
 * partition numbers as text, as stored in job documents). A view that has reached a position holds every entry
 * written before it. The fan-out waits for the view to reach the topic's current end before a stream task starts
 * on this instance, so a task that moved here from another instance never shares with an older view than its
 * previous owner had.
 */
@Component
public class RegistryPosition implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(RegistryPosition.class);
    private static final Duration STEP = Duration.ofMillis(50);

    private final Map<Integer, Long> reached = new ConcurrentHashMap<>();
    private final KafkaAdmin kafkaAdmin;
    private volatile Admin admin;

    RegistryPosition(KafkaAdmin kafkaAdmin) {
        this.kafkaAdmin = kafkaAdmin;
    }

    void advance(int partition, long next) {
        reached.merge(partition, next, Math::max);
    }

    long reached(int partition) {
        return reached.getOrDefault(partition, 0L);
    }

    public Map<String, Long> snapshot() {
        return reached.entrySet().stream().collect(Collectors.toMap(e -> String.valueOf(e.getKey()), Map.Entry::getValue));
    }

    public boolean hasReached(Map<String, Long> position) {
        return position.entrySet().stream()
                .allMatch(p -> reached.getOrDefault(Integer.parseInt(p.getKey()), 0L) >= p.getValue());
    }

    /**
     * Waits until the view holds everything fillonce.registry holds now; false when that did not happen within
     * {@code patience} (or the end could not be read).
     */
    public boolean awaitCurrent(Duration patience) {
        Map<String, Long> end;
        try {
            end = end();
        }
        catch (RuntimeException e) {
            log.warn("Could not read the end of {}: {}", Topics.REGISTRY, e.toString());
            return false;
        }
        long deadline = System.nanoTime() + patience.toNanos();
        while (!hasReached(end)) {
            if (System.nanoTime() > deadline) {
                log.warn("The registry view did not reach {} within {} (it is at {})", end, patience, snapshot());
                return false;
            }
            try {
                Thread.sleep(STEP.toMillis());
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** Whether the view holds everything fillonce.registry holds now (reads the topic's end; no waiting). */
    public boolean isCurrent() {
        return hasReached(end());
    }

    private Map<String, Long> end() {
        Admin client = admin();
        try {
            List<TopicPartition> partitions = client.describeTopics(List.of(Topics.REGISTRY)).allTopicNames()
                    .get(10, TimeUnit.SECONDS).get(Topics.REGISTRY).partitions().stream()
                    .map(p -> new TopicPartition(Topics.REGISTRY, p.partition())).toList();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            partitions.forEach(p -> latest.put(p, OffsetSpec.latest()));
            return client.listOffsets(latest).all().get(10, TimeUnit.SECONDS).entrySet().stream()
                    .collect(Collectors.toMap(e -> String.valueOf(e.getKey().partition()), e -> e.getValue().offset()));
        }
        catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not list the end offsets of " + Topics.REGISTRY, e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private Admin admin() {
        if (admin == null) {
            synchronized (this) {
                if (admin == null) {
                    admin = Admin.create(kafkaAdmin.getConfigurationProperties());
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
