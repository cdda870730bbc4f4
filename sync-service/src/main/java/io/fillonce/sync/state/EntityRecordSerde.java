package io.fillonce.sync.state;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import tools.jackson.databind.json.JsonMapper;

/** Entity records in the state store and its changelog topic: compact JSON. */
public final class EntityRecordSerde implements Serde<EntityRecord> {

    private final JsonMapper json;

    public EntityRecordSerde(JsonMapper json) {
        this.json = json;
    }

    @Override
    public Serializer<EntityRecord> serializer() {
        return (topic, entity) -> entity == null ? null : json.writeValueAsBytes(entity);
    }

    @Override
    public Deserializer<EntityRecord> deserializer() {
        return (topic, bytes) -> bytes == null ? null : json.readValue(bytes, EntityRecord.class);
    }
}
