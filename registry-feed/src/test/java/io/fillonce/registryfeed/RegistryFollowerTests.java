package io.fillonce.registryfeed;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.health.contributor.Status;
import org.springframework.kafka.event.ListenerContainerIdleEvent;

import io.fillonce.contracts.Contracts;
import io.fillonce.contracts.trust.RegistryGate;
import io.fillonce.contracts.trust.RegistrySignature;
import io.fillonce.contracts.trust.TestRegistryKeys;
import io.fillonce.telemetry.ViewAge;

import static org.assertj.core.api.Assertions.assertThat;

class RegistryFollowerTests {

    private static final TopicPartition P0 = new TopicPartition(RegistryTopic.NAME, 0);
    private static final TopicPartition P1 = new TopicPartition(RegistryTopic.NAME, 1);

    private final RecordingView principals = new RecordingView(EntryKind.PRINCIPAL);
    private final RecordingView catalogue = new RecordingView(EntryKind.RECORD_TYPE, EntryKind.SUBSCRIPTION);
    private final List<Object> events = new ArrayList<>();
    private final RegistryPosition position = new RegistryPosition(Map.of());
    private final RegistryFollower follower = new RegistryFollower(List.of(principals, catalogue),
            RegistryGate.forVerifyKey(TestRegistryKeys.PUBLIC_KEY), position, events::add, new ViewAge(() -> 0L));
    private final RegistryViewHealthIndicator health = new RegistryViewHealthIndicator(position,
            List.of(principals, catalogue));
    private final MockConsumer<String, String> consumer = new MockConsumer<>("earliest");

    @Test
    void handsEachSignedEntryToTheViewsOfItsKindOnly() {
        assign(Map.of(P0, 10L));

        follower.onMessage(List.of(signed(0, "registry/principal-cadre.json"),
                signed(1, "registry/record-type-resident.json"), signed(2, "registry/code-table-gender-civil.json"),
                signed(3, "registry/subscription-civil-affairs-resident.json")), consumer);

        assertThat(principals.keys()).containsExactly("principal/cadre:c-0001");
        assertThat(catalogue.keys()).containsExactly("record-type/resident", "subscription/sub-civil-affairs-resident");
        assertThat(principals.applied.get(0).state().path("role").asString()).isEqualTo("CADRE");
    }

    @Test
    void ignoresEntriesRegistryServiceDidNotSign() {
        assign(Map.of(P0, 10L));
        JsonNode example = Contracts.example("registry/principal-cadre.json");
        String key = example.path("key").asString();
        String value = example.path("value").toString();
        ConsumerRecord<String, String> unsigned = new ConsumerRecord<>(RegistryTopic.NAME, 0, 0, key, value);
        ConsumerRecord<String, String> otherValue = message(1, key, value.replace("CADRE", "ADMIN"),
                TestRegistryKeys.SIGNER.sign(key, value));
        ConsumerRecord<String, String> unsignedTombstone = new ConsumerRecord<>(RegistryTopic.NAME, 0, 2, key, null);

        follower.onMessage(List.of(unsigned, otherValue, unsignedTombstone), consumer);

        assertThat(principals.applied).isEmpty();
    }

    @Test
    void handsOnATombstoneAndAValueThatIsNotJsonAsDeletions() {
        assign(Map.of(P0, 10L));

        follower.onMessage(List.of(signed(0, "principal/cadre:c-0001", null),
                signed(1, "principal/admin:x", "{not json")), consumer);

        assertThat(principals.keys()).containsExactly("principal/cadre:c-0001 deleted", "principal/admin:x deleted");
    }

    @Test
    void skipsKeysOfNoKnownKindAndGoesOnAfterAViewFails() {
        assign(Map.of(P0, 10L));
        RegistryEntryHandler failing = new RecordingView(EntryKind.PRINCIPAL) {
            @Override
            public void apply(RegistryEntry entry) {
                throw new IllegalStateException("broken view");
            }
        };
        RegistryFollower withFailingView = new RegistryFollower(List.of(failing, principals),
                RegistryGate.forVerifyKey(TestRegistryKeys.PUBLIC_KEY), position, events::add, new ViewAge(() -> 0L));

        withFailingView.onMessage(List.of(signed(0, "no-kind", "{}"), signed(1, "sharing-request/r-1", "{}"),
                signed(2, "principal/cadre:c-0001", null)), consumer);

        assertThat(principals.keys()).containsExactly("principal/cadre:c-0001 deleted");
    }

    @Test
    void isNotReadyBeforeTheTopicIsAssigned() {
        follower.onMessage(List.of(), consumer);

        assertThat(position.isCaughtUp()).isFalse();
        assertThat(health.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
        assertThat(events).isEmpty();
    }

    @Test
    void isReadyAtOnceWhenTheTopicIsEmpty() {
        assign(Map.of(P0, 0L, P1, 0L));

        follower.onMessage(List.of(), consumer);

        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
        assertThat(health.health().getDetails()).containsEntry("topic", RegistryTopic.NAME)
                .containsEntry("applied", 0);
        assertThat(events).containsExactly(new RegistryCaughtUp());
    }

    @Test
    void isReadyOnlyOnceEveryPartitionReachedTheEndSeenAtTheFirstAssignment() {
        assign(Map.of(P0, 5L, P1, 3L));
        follower.onMessage(List.of(), consumer);
        consumer.seek(P0, 5L);
        consumer.seek(P1, 2L);
        follower.onMessage(List.of(), consumer);
        assertThat(position.isCaughtUp()).isFalse();

        consumer.updateEndOffsets(Map.of(P1, 9L));
        consumer.seek(P1, 3L);
        follower.onMessage(List.of(), consumer);

        assertThat(position.isCaughtUp()).as("later writes do not move the start-up target").isTrue();
        assertThat(position.snapshot()).containsExactlyInAnyOrderEntriesOf(Map.of("0", 5L, "1", 3L));
        follower.onMessage(List.of(), consumer);
        assertThat(events).as("announced once").containsExactly(new RegistryCaughtUp());
    }

    @Test
    void countsOffsetsWithoutRecordsOnceTheConsumerIdles() {
        assign(Map.of(P0, 5L));
        consumer.seek(P0, 5L);

        follower.onApplicationEvent(new ListenerContainerIdleEvent(this, this, 500,
                RegistryFollower.CONTAINER, List.of(P0), consumer, false));

        assertThat(position.isCaughtUp()).isTrue();
        assertThat(position.hasReached(Map.of("0", 5L))).isTrue();
        assertThat(position.hasReached(Map.of("0", 6L))).isFalse();
    }

    private void assign(Map<TopicPartition, Long> endOffsets) {
        consumer.assign(List.copyOf(endOffsets.keySet()));
        consumer.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
        consumer.updateEndOffsets(endOffsets);
        endOffsets.keySet().forEach(partition -> consumer.seek(partition, 0L));
    }

    private static ConsumerRecord<String, String> signed(long offset, String example) {
        JsonNode message = Contracts.example(example);
        return signed(offset, message.path("key").asString(), message.path("value").toString());
    }

    private static ConsumerRecord<String, String> signed(long offset, String key, String value) {
        return message(offset, key, value, TestRegistryKeys.SIGNER.sign(key, value));
    }

    private static ConsumerRecord<String, String> message(long offset, String key, String value, byte[] signature) {
        ConsumerRecord<String, String> record = new ConsumerRecord<>(RegistryTopic.NAME, 0, offset, key, value);
        record.headers().add(RegistrySignature.HEADER, signature);
        return record;
    }
}
