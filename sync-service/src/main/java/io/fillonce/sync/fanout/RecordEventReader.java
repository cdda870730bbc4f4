package io.fillonce.sync.fanout;

import io.cloudevents.CloudEvent;
import io.cloudevents.CloudEventData;
import io.cloudevents.kafka.CloudEventDeserializer;
import io.fillonce.sync.Topics;
import io.fillonce.sync.fanout.MalformedRecordEvent.Reason;
import org.apache.kafka.common.header.Headers;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Reads a fillonce.records message: a CloudEvent (binary or structured mode) whose data is a record event per
 * contracts/schemas/record-event.schema.json. Whatever it cannot read is a {@link MalformedRecordEvent}.
 */
@Component
class RecordEventReader {

    private final JsonMapper json;
    private final CloudEventDeserializer cloudEvents = new CloudEventDeserializer();

    RecordEventReader(JsonMapper json) {
        this.json = json;
    }

    /** The message as a CloudEvent, as the CloudEvents SDK reads it. */
    CloudEvent cloudEvent(Headers headers, byte[] value) {
        try {
            return cloudEvents.deserialize(Topics.RECORDS, headers, value);
        }
        catch (RuntimeException e) {
            throw MalformedRecordEvent.notACloudEvent(e);
        }
    }

    CanonicalEvent read(CloudEvent event) {
        JsonNode value = data(event);
        String type = text(event, value, "type");
        String entityKey = text(event, value, "entityKey");
        if (!value.path("version").isIntegralNumber()) {
            throw new MalformedRecordEvent(Reason.NOT_A_RECORD_EVENT, event.getId(), "'version' is not an integer");
        }
        if (!value.path("data").isObject()) {
            throw new MalformedRecordEvent(Reason.NOT_A_RECORD_EVENT, event.getId(), "'data' is not an object");
        }
        return new CanonicalEvent(event.getId(), event.getTime(), type, entityKey, text(event, value, "recordId"),
                value.get("version").longValue(), value.get("data"), text(event, value, "submittedBy"),
                value.path("retraction").isObject(), value.path("erasure").isObject());
    }

    private JsonNode data(CloudEvent event) {
        CloudEventData data = event.getData();
        if (data == null) {
            throw new MalformedRecordEvent(Reason.NOT_JSON, event.getId(), "it has no data");
        }
        try {
            return json.readTree(data.toBytes());
        }
        catch (JacksonException e) {
            String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")";
            throw new MalformedRecordEvent(Reason.NOT_JSON, event.getId(), "data is not JSON" + where);
        }
    }

    private static String text(CloudEvent event, JsonNode value, String property) {
        JsonNode text = value.path(property);
        if (!text.isString() || text.stringValue().isEmpty()) {
            throw new MalformedRecordEvent(Reason.NOT_A_RECORD_EVENT, event.getId(),
                    "'" + property + "' is not a non-empty string");
        }
        return text.stringValue();
    }
}
