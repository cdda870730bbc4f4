package io.fillonce.sync.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.fillonce.sync.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RegistryCatchUpTests {

    private static final TopicPartition P0 = new TopicPartition(Topics.REGISTRY, 0);
    private static final TopicPartition P1 = new TopicPartition(Topics.REGISTRY, 1);

    private final List<Object> events = new ArrayList<>();
    private final RegistryCatchUp catchUp = new RegistryCatchUp(events::add, new RegistryPosition(null));
    private final MockConsumer<String, String> consumer = new MockConsumer<>("earliest");

    @Test
    void isNotCaughtUpBeforeTheRegistryTopicIsAssigned() {
        catchUp.idle(consumer);

        assertThat(catchUp.isCaughtUp()).isFalse();
        assertThat(events).isEmpty();
    }

    @Test
    void isCaughtUpRightAwayWhenTheRegistryIsEmpty() {
        assign(Map.of(P0, 0L, P1, 0L));

        catchUp.idle(consumer);

        assertThat(catchUp.isCaughtUp()).isTrue();
        assertThat(events).containsExactly(new RegistryCaughtUp());
    }

    @Test
    void waitsUntilEveryPartitionReachesTheEndOffsetsSeenAtStartUp() {
        assign(Map.of(P0, 2L, P1, 1L));

        catchUp.applied(entry(P0, 0), consumer);
        consumer.updateEndOffsets(Map.of(P0, 50L, P1, 50L));
        catchUp.applied(entry(P1, 0), consumer);
        assertThat(catchUp.isCaughtUp()).isFalse();

        catchUp.applied(entry(P0, 1), consumer);
        assertThat(catchUp.isCaughtUp()).isTrue();
        catchUp.applied(entry(P0, 2), consumer);
        assertThat(events).containsExactly(new RegistryCaughtUp());
    }

    @Test
    void countsOffsetsWithoutRecordsOnceTheConsumerIsIdle() {
        assign(Map.of(P0, 5L));
        catchUp.applied(entry(P0, 2), consumer);
        assertThat(catchUp.isCaughtUp()).isFalse();

        consumer.seek(P0, 5);
        catchUp.idle(consumer);

        assertThat(catchUp.isCaughtUp()).isTrue();
    }

    private void assign(Map<TopicPartition, Long> endOffsets) {
        consumer.assign(endOffsets.keySet());
        consumer.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
        consumer.updateEndOffsets(endOffsets);
    }

    private static ConsumerRecord<String, String> entry(TopicPartition partition, long offset) {
        return new ConsumerRecord<>(partition.topic(), partition.partition(), offset, "department/x", "{}");
    }
}
