package io.fillonce.sync.feed;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Predicate;

import io.fillonce.sync.CommittedReaders;
import io.fillonce.sync.Topics;
import io.fillonce.sync.fanout.DepartmentRecord;
import io.fillonce.sync.mapping.Subjects;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Reads a page of a department's feed straight from its topic: a bounded read (read_committed, no consumer group)
 * from the cursor's offsets, or from the first message written at or after {@code since}, up to {@code limit}
 * wanted messages or the end of every partition, whichever comes first. Nothing is copied anywhere: the topic is
 * the feed. Per entity, items come in version order (an entity's messages share a partition).
 */
@Component
class FeedReader implements DisposableBean {

    private static final int POOL = 4;
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration BUDGET = Duration.ofSeconds(3);

    private final Map<String, Object> config;
    private final Subjects subjects;
    private final BlockingQueue<KafkaConsumer<String, byte[]>> idle = new ArrayBlockingQueue<>(POOL);

    FeedReader(CommittedReaders readers, Subjects subjects) {
        this.subjects = subjects;
        this.config = readers.config();
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
    }

    /** A page of the feed (department messages of the wanted subscriptions), and the cursor of what follows it. */
    record Page(List<DepartmentRecord> records, FeedCursor next) {
    }

    Page read(String department, FeedCursor cursor, Instant since, int limit, Predicate<DepartmentRecord> wanted) {
        KafkaConsumer<String, byte[]> consumer = borrow();
        try {
            return read(consumer, department, cursor, since, limit, wanted);
        }
        finally {
            consumer.unsubscribe();
            if (!idle.offer(consumer)) {
                consumer.close(Duration.ofSeconds(1));
            }
        }
    }

    private Page read(KafkaConsumer<String, byte[]> consumer, String department, FeedCursor cursor, Instant since,
            int limit, Predicate<DepartmentRecord> wanted) {
        String topic = Topics.department(department);
        List<PartitionInfo> info = consumer.partitionsFor(topic, Duration.ofSeconds(5));
        if (info == null || info.isEmpty()) {
            return new Page(List.of(), cursor);
        }
        List<TopicPartition> partitions = info.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        Map<Integer, Long> next = new HashMap<>(cursor.next());
        seek(consumer, partitions, next, since);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        List<DepartmentRecord> items = new ArrayList<>();
        long deadline = System.nanoTime() + BUDGET.toNanos();
        boolean full = false;
        while (!full && !reachedEnd(consumer, partitions, end) && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                if (items.size() >= limit) {
                    full = true;
                    break;
                }
                DepartmentRecord message = DepartmentRecord.read(record, department, subjects);
                if ((message.subscription() != null || message.testEvent()) && wanted.test(message)) {
                    items.add(message);
                }
                next.put(record.partition(), record.offset() + 1);
            }
        }
        if (!full) {
            partitions.forEach(p -> next.merge(p.partition(), consumer.position(p), Math::max));
        }
        return new Page(items, new FeedCursor(next));
    }

    private static void seek(KafkaConsumer<String, byte[]> consumer, List<TopicPartition> partitions,
            Map<Integer, Long> next, Instant since) {
        Map<TopicPartition, OffsetAndTimestamp> fromTime = since == null ? Map.of() : consumer.offsetsForTimes(
                partitions.stream().collect(java.util.stream.Collectors.toMap(p -> p, p -> since.toEpochMilli())));
        Map<TopicPartition, Long> ends = since == null ? Map.of() : consumer.endOffsets(partitions);
        for (TopicPartition partition : partitions) {
            if (since != null) {
                OffsetAndTimestamp at = fromTime.get(partition);
                long offset = at == null ? ends.get(partition) : at.offset();
                consumer.seek(partition, offset);
                next.put(partition.partition(), offset);
            }
            else if (next.containsKey(partition.partition())) {
                consumer.seek(partition, next.get(partition.partition()));
            }
            else {
                consumer.seekToBeginning(List.of(partition));
            }
        }
    }

    private static boolean reachedEnd(KafkaConsumer<String, byte[]> consumer, List<TopicPartition> partitions,
            Map<TopicPartition, Long> end) {
        return partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p));
    }

    private KafkaConsumer<String, byte[]> borrow() {
        KafkaConsumer<String, byte[]> consumer = idle.poll();
        if (consumer != null) {
            return consumer;
        }
        Properties properties = new Properties();
        properties.putAll(config);
        return new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer());
    }

    @Override
    public void destroy() {
        for (KafkaConsumer<String, byte[]> consumer = idle.poll(); consumer != null; consumer = idle.poll()) {
            consumer.close(Duration.ofSeconds(1));
        }
    }
}
