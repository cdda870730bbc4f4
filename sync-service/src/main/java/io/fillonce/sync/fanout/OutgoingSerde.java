package io.fillonce.sync.fanout;

import java.util.Map;

import io.cloudevents.core.message.Encoding;
import io.cloudevents.kafka.CloudEventSerializer;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes what the fan-out sends: department messages as CloudEvents in binary mode ({@code ce_*} headers, the
 * mapped JSON as value, with the CloudEvents SDK's own serializer), audit events as JSON. Never read back.
 */
final class OutgoingSerde implements Serde<Outgoing> {

    private final CloudEventSerializer cloudEvents = new CloudEventSerializer();
    private final JsonMapper json;

    OutgoingSerde(JsonMapper json) {
        this.json = json;
        cloudEvents.configure(Map.of(CloudEventSerializer.ENCODING_CONFIG, Encoding.BINARY.name()), false);
    }

    @Override
    public Serializer<Outgoing> serializer() {
        return new Serializer<>() {

            @Override
            public byte[] serialize(String topic, Outgoing data) {
                return serialize(topic, new RecordHeaders(), data);
            }

            @Override
            public byte[] serialize(String topic, Headers headers, Outgoing data) {
                if (data instanceof Outgoing.ToDepartment message) {
                    return cloudEvents.serialize(topic, headers, message.event());
                }
                return json.writeValueAsBytes(((Outgoing.ToAudit) data).event());
            }
        };
    }

    @Override
    public Deserializer<Outgoing> deserializer() {
        return (topic, bytes) -> {
            throw new UnsupportedOperationException("the fan-out never reads what it writes");
        };
    }
}
