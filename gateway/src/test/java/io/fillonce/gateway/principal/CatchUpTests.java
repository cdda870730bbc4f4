package io.fillonce.gateway.principal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;

class CatchUpTests {

    private static final TopicPartition P0 = new TopicPartition("fillonce.registry", 0);
    private static final TopicPartition P1 = new TopicPartition("fillonce.registry", 1);

    private final CatchUp catchUp = new CatchUp(new PrincipalView());
    private final MockConsumer<String, String> consumer = new MockConsumer<>("earliest");

    @Test
    void notReadyBeforeThePartitionsAreAssigned() {
        catchUp.check(consumer);

        assertThat(catchUp.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
    }

    @Test
    void readyAtOnceWhenTheTopicIsEmpty() {
        assign(Map.of(P0, 0L, P1, 0L));

        catchUp.check(consumer);

        assertThat(catchUp.health().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void readyOnlyOnceEveryPartitionReachedTheEndSeenAtStartUp() {
        assign(Map.of(P0, 5L, P1, 3L));
        catchUp.check(consumer);
        consumer.seek(P0, 5L);
        consumer.seek(P1, 2L);
        catchUp.check(consumer);
        assertThat(catchUp.caughtUp()).isFalse();

        consumer.updateEndOffsets(Map.of(P1, 9L));
        consumer.seek(P1, 3L);
        catchUp.check(consumer);

        assertThat(catchUp.caughtUp()).as("later writes do not move the start-up target").isTrue();
    }

    private void assign(Map<TopicPartition, Long> endOffsets) {
        consumer.assign(List.copyOf(endOffsets.keySet()));
        consumer.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
        consumer.updateEndOffsets(endOffsets);
        endOffsets.keySet().forEach(partition -> consumer.seek(partition, 0L));
    }
}
