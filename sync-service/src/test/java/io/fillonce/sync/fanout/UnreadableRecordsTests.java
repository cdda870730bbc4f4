package io.fillonce.sync.fanout;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import io.fillonce.contracts.Contracts;
import io.fillonce.sync.Topics;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Poison messages on fillonce.records, on Kafka Streams' test driver: each is written as it came to
 * fillonce.records.dead with where it was and why, counted by reason, and the partition goes on.
 */
class UnreadableRecordsTests extends FanOutTopology {

    private static final String RESIDENT = "370602199001018888";
    private static final long WRITTEN = Instant.parse("2026-12-07T09:00:00Z").toEpochMilli();

    @Test
    void garbageWithoutCloudEventsHeadersIsDeadLetteredAsItCameAndThePartitionGoesOn() {
        byte[] key = {(byte) 0xff, 0x00, 'k'};
        byte[] value = {(byte) 0xc3, 0x28, 0x00, 0x7f};
        RecordHeaders headers = new RecordHeaders();
        headers.add("x-producer", "not-intake".getBytes(StandardCharsets.UTF_8));

        publish(RESIDENT, 1, "370602", "F");
        pipeRaw(key, value, headers, WRITTEN);
        publish(RESIDENT, 2, "370602", "M");

        assertThat(messages("health")).extracting(m -> header(m, "ce_entityversion")).containsExactly("1", "2");
        TestRecord<byte[], byte[]> dead = single(deadLetters());
        assertThat(dead.key()).isEqualTo(key);
        assertThat(dead.value()).isEqualTo(value);
        assertThat(dead.timestamp()).isEqualTo(WRITTEN);
        assertThat(header(dead, "x-producer")).isEqualTo("not-intake");
        assertThat(header(dead, UnreadableRecords.SOURCE_TOPIC)).isEqualTo(Topics.RECORDS);
        assertThat(header(dead, UnreadableRecords.SOURCE_PARTITION)).isEqualTo("0");
        assertThat(header(dead, UnreadableRecords.SOURCE_OFFSET)).isEqualTo("1");
        assertThat(header(dead, UnreadableRecords.SOURCE_TIMESTAMP)).isEqualTo("2026-12-07T09:00:00Z");
        assertThat(header(dead, UnreadableRecords.REASON)).isEqualTo("not-a-cloudevent");
        assertThat(header(dead, UnreadableRecords.DETAIL)).startsWith("not a CloudEvent: ");
        assertThat(entity(RESIDENT).version()).isEqualTo(2);
    }

    @Test
    void anUnknownSpecVersionIsNotACloudEvent() {
        RecordHeaders headers = recordHeaders(RESIDENT, 1);
        headers.remove("ce_specversion").add("ce_specversion", "9.9".getBytes(StandardCharsets.UTF_8));

        pipeRaw(key(), value(1), headers, WRITTEN);

        assertThat(header(single(deadLetters()), UnreadableRecords.REASON)).isEqualTo("not-a-cloudevent");
        assertThat(messages("health")).isEmpty();
    }

    @Test
    void aCloudEventWhoseDataIsNotJsonIsDeadLetteredWithItsOriginalHeaders() {
        byte[] value = "{\"recordId\": oops".getBytes(StandardCharsets.UTF_8);

        pipeRaw(key(), value, recordHeaders(RESIDENT, 1), WRITTEN);
        publish(RESIDENT, 2, "370602", "M");

        TestRecord<byte[], byte[]> dead = single(deadLetters());
        assertThat(dead.value()).isEqualTo(value);
        assertThat(header(dead, "ce_id")).isEqualTo("rec-" + RESIDENT + ":1");
        assertThat(header(dead, "ce_specversion")).isEqualTo("1.0");
        assertThat(header(dead, UnreadableRecords.REASON)).isEqualTo("not-json");
        assertThat(header(dead, UnreadableRecords.DETAIL)).isEqualTo("record event rec-" + RESIDENT
                + ":1 is malformed: data is not JSON (line 1, column 14)");
        assertThat(messages("health")).extracting(m -> header(m, "ce_entityversion")).containsExactly("2");
    }

    @Test
    void aCloudEventWithoutDataIsNotJson() {
        pipeRaw(key(), null, recordHeaders(RESIDENT, 1), WRITTEN);

        TestRecord<byte[], byte[]> dead = single(deadLetters());
        assertThat(dead.value()).isNull();
        assertThat(header(dead, UnreadableRecords.REASON)).isEqualTo("not-json");
    }

    @Test
    void aWellFormedEventThatIsNoRecordEventIsDeadLetteredAndNothingOfItIsShared() {
        ObjectNode event = (ObjectNode) Contracts.example("records/resident-upserted.json").get("value").deepCopy();
        event.put("entityKey", RESIDENT).put("version", "two");
        byte[] value = JSON.writeValueAsBytes(event);

        pipeRaw(key(), value, recordHeaders(RESIDENT, 2), WRITTEN);

        TestRecord<byte[], byte[]> dead = single(deadLetters());
        assertThat(dead.value()).isEqualTo(value);
        assertThat(header(dead, UnreadableRecords.REASON)).isEqualTo("not-a-record-event");
        assertThat(header(dead, UnreadableRecords.DETAIL)).isEqualTo("record event rec-" + RESIDENT
                + ":2 is malformed: 'version' is not an integer");
        assertThat(messages("health")).isEmpty();
        assertThat(entity(RESIDENT)).isNull();
    }

    @Test
    void everyDeadLetterIsCountedByItsReasonAndEveryReasonIsReportedFromTheStart() {
        assertThat(meters.find(UnreadableRecords.METER).counters()).extracting(c -> c.getId().getTag("reason"))
                .containsExactlyInAnyOrder("not-a-cloudevent", "not-json", "not-a-record-event");

        pipeRaw(key(), "garbage".getBytes(StandardCharsets.UTF_8), new RecordHeaders(), WRITTEN);
        pipeRaw(key(), "garbage".getBytes(StandardCharsets.UTF_8), new RecordHeaders(), WRITTEN);
        pipeRaw(key(), "garbage".getBytes(StandardCharsets.UTF_8), recordHeaders(RESIDENT, 1), WRITTEN);

        assertThat(count("not-a-cloudevent")).isEqualTo(2);
        assertThat(count("not-json")).isEqualTo(1);
        assertThat(count("not-a-record-event")).isZero();
        assertThat(deadLetters()).hasSize(3);
    }

    private double count(String reason) {
        return meters.get(UnreadableRecords.METER).tag("reason", reason).counter().count();
    }

    private static byte[] key() {
        return ("resident/" + RESIDENT).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] value(int version) {
        ObjectNode event = (ObjectNode) Contracts.example("records/resident-upserted.json").get("value").deepCopy();
        return JSON.writeValueAsBytes(event.put("entityKey", RESIDENT).put("version", version));
    }

    private static TestRecord<byte[], byte[]> single(List<TestRecord<byte[], byte[]>> deadLetters) {
        assertThat(deadLetters).hasSize(1);
        return deadLetters.get(0);
    }
}
