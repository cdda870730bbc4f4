package io.fillonce.intake;

import java.time.OffsetDateTime;

import io.fillonce.contracts.Contracts;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static io.fillonce.intake.RecordsTopic.header;
import static org.assertj.core.api.Assertions.assertThat;

/** Checks a message on {@code fillonce.records} against the contract (headers and record-event schema). */
public final class UpsertedEvents {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private UpsertedEvents() {
    }

    /** Asserts the message announces this version of this record, per the contract; returns its value. */
    public static JsonNode assertUpserted(ConsumerRecord<String, byte[]> message, String recordId, String type,
            String entityKey, int version) {
        assertThat(message.key()).isEqualTo(type + "/" + entityKey);
        assertThat(header(message, "ce_specversion")).isEqualTo("1.0");
        assertThat(header(message, "ce_id")).isEqualTo(recordId + ":" + version);
        assertThat(header(message, "ce_type")).isEqualTo("fillonce.record.upserted");
        assertThat(header(message, "ce_source")).isEqualTo("/fillonce/intake");
        assertThat(header(message, "ce_subject")).isEqualTo(type + "/" + entityKey);
        assertThat(OffsetDateTime.parse(header(message, "ce_time"))).isNotNull();
        assertThat(header(message, "ce_entityversion")).isEqualTo(String.valueOf(version));
        assertThat(header(message, "ce_recordtype")).isEqualTo(type);
        assertThat(header(message, "content-type")).isEqualTo("application/json");
        assertThat(message.headers().toArray()).noneMatch(h -> h.key().startsWith("__TypeId__")
                || h.key().startsWith("spring_json"));
        JsonNode value = JSON.readTree(message.value());
        assertThat(Contracts.violations(Contracts.RECORD_EVENT, value)).isEmpty();
        assertThat(value.path("recordId").asString()).isEqualTo(recordId);
        assertThat(value.path("version").asInt()).isEqualTo(version);
        assertThat(value.path("entityKey").asString()).isEqualTo(entityKey);
        assertThat(OffsetDateTime.parse(value.path("submittedAt").asString()))
                .isEqualTo(OffsetDateTime.parse(header(message, "ce_time")));
        return value;
    }
}
