package io.fillonce.bench.platform;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Reads departments' topics {@code fillonce.dept.<code>} as a department would (read_committed, so messages of
 * aborted or open transactions are never counted) and hands each message of a watched run to its
 * {@link DeliveryTally}. Topics that exist when it starts are read from their end at that moment; a topic that
 * appears later (the platform may create it on first delivery) is read from its beginning. Which run a message
 * belongs to comes from its value ({@link Mark}), so nothing of another run, or of before, is ever counted.
 */
final class DepartmentTopics implements AutoCloseable {

    static final String PREFIX = "fillonce.dept.";

    private static final Duration TOPIC_CHECK = Duration.ofSeconds(1);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Set<String> missing = new HashSet<>();
    private final Set<TopicPartition> assigned = new HashSet<>();
    private final Map<String, DeliveryTally> tallies = new ConcurrentHashMap<>();
    private final CountDownLatch started = new CountDownLatch(1);
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private final Thread thread;
    private volatile boolean running = true;
    private long lastTopicCheck;

    DepartmentTopics(KafkaClients kafka, List<String> departments) {
        consumer = new KafkaConsumer<>(kafka.departmentReader());
        departments.forEach(department -> missing.add(PREFIX + department));
        thread = new Thread(this::read, "department-topics");
        thread.setDaemon(true);
        thread.start();
        try {
            if (!started.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("could not read the department topics' end offsets in 60 s");
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        if (failure.get() != null) {
            throw failure.get();
        }
    }

    void watch(DeliveryTally tally) {
        tallies.put(tally.run(), tally);
    }

    void forget(DeliveryTally tally) {
        tallies.remove(tally.run());
    }

    /** Topics of the watched departments that do not exist (yet). */
    synchronized List<String> missingTopics() {
        return new ArrayList<>(missing);
    }

    private void read() {
        try {
            assignExisting(true);
            started.countDown();
            while (running) {
                if (System.nanoTime() - lastTopicCheck > TOPIC_CHECK.toNanos() && !missingTopics().isEmpty()) {
                    assignExisting(false);
                }
                for (ConsumerRecord<byte[], byte[]> message : consumer.poll(Duration.ofMillis(100))) {
                    count(message, System.nanoTime());
                }
            }
        }
        catch (WakeupException closing) {
            // close() asked
        }
        catch (RuntimeException e) {
            failure.set(e);
            started.countDown();
        }
        finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void count(ConsumerRecord<byte[], byte[]> message, long nanos) {
        Mark mark = Mark.of(message.value());
        if (mark == null) {
            return;
        }
        DeliveryTally tally = tallies.get(mark.run());
        if (tally != null) {
            tally.accept(message.topic().substring(PREFIX.length()), mark.seq(), nanos);
        }
    }

    /** Adds the partitions of topics that now exist: from their end at start, from their beginning later. */
    private void assignExisting(boolean atStart) {
        lastTopicCheck = System.nanoTime();
        Map<String, List<PartitionInfo>> topics = consumer.listTopics(Duration.ofSeconds(30));
        List<TopicPartition> fresh = new ArrayList<>();
        synchronized (this) {
            for (String topic : new ArrayList<>(missing)) {
                List<PartitionInfo> partitions = topics.get(topic);
                if (partitions != null && !partitions.isEmpty()) {
                    partitions.forEach(info -> fresh.add(new TopicPartition(topic, info.partition())));
                    missing.remove(topic);
                }
            }
        }
        if (fresh.isEmpty()) {
            return;
        }
        assigned.addAll(fresh);
        consumer.assign(assigned);
        if (atStart) {
            consumer.endOffsets(fresh).forEach(consumer::seek);
        }
        else {
            consumer.seekToBeginning(fresh);
        }
    }

    /** Throws what stopped the reading thread, if anything did. */
    void check() {
        if (failure.get() != null) {
            throw new IllegalStateException("reading the department topics failed: " + failure.get(),
                    failure.get());
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(10_000);
    }
}
