package io.fillonce.bench.platform;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;

/**
 * How far behind the platform's readers of {@code fillonce.records} are: for every active (stable) group with
 * committed offsets on that topic, the messages between its committed offsets and the topic's end. The bench waits
 * for 0 before it measures a backfill, so that the backfill, not the catching up, is measured. Groups it may not
 * see (ACLs) are simply not counted.
 */
final class RecordsLag implements AutoCloseable {

    static final String TOPIC = "fillonce.records";

    /** One group: messages behind the end, over how many partitions of fillonce.records. */
    record Behind(long messages, int partitions) {

        /** Caught up, or at most one message (a transaction's commit marker) behind on each partition. */
        boolean atMostMarkers() {
            return messages <= partitions;
        }
    }

    private final Admin admin;

    RecordsLag(KafkaClients kafka) {
        admin = Admin.create(kafka.admin());
    }

    /** Lag per group reading {@code fillonce.records}; empty when no such group is visible. */
    Map<String, Behind> lag() throws InterruptedException, ExecutionException, java.util.concurrent.TimeoutException {
        Map<String, Behind> lag = new HashMap<>();
        var groups = admin.listGroups(new ListGroupsOptions().inGroupStates(Set.of(GroupState.STABLE))).all()
                .get(30, TimeUnit.SECONDS);
        for (GroupListing group : groups) {
            Map<TopicPartition, OffsetAndMetadata> committed;
            try {
                committed = admin.listConsumerGroupOffsets(group.groupId()).partitionsToOffsetAndMetadata()
                        .get(30, TimeUnit.SECONDS);
            }
            catch (ExecutionException notAConsumerGroup) {
                continue;
            }
            Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
            committed.keySet().stream().filter(partition -> partition.topic().equals(TOPIC))
                    .forEach(partition -> ends.put(partition, OffsetSpec.latest()));
            if (ends.isEmpty()) {
                continue;
            }
            Map<TopicPartition, ListOffsetsResultInfo> end = admin.listOffsets(ends).all().get(30, TimeUnit.SECONDS);
            long behind = 0;
            for (Map.Entry<TopicPartition, ListOffsetsResultInfo> partition : end.entrySet()) {
                OffsetAndMetadata at = committed.get(partition.getKey());
                behind += Math.max(0, partition.getValue().offset() - (at == null ? 0 : at.offset()));
            }
            lag.put(group.groupId(), new Behind(behind, end.size()));
        }
        return lag;
    }

    static long total(Map<String, Behind> lag) {
        return lag.values().stream().mapToLong(Behind::messages).sum();
    }

    static List<String> describe(Map<String, Behind> lag) {
        return lag.entrySet().stream().map(group -> group.getKey() + " " + group.getValue().messages()).sorted()
                .toList();
    }

    @Override
    public void close() {
        admin.close();
    }
}
