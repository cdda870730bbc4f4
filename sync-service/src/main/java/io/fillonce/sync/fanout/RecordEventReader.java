package io.fillonce.sync.fanout;

import io.cloudevents.CloudEvent;
import io.cloudevents.CloudEventData;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/** Reads a fillonce.records CloudEvent (data per contracts/schemas/record-event.schema.json). */
@Component
class RecordEventReader {

    private final JsonMapper json;

    RecordEventReader(JsonMapper json) {
        this.json = json;
    }

    CanonicalEvent read(CloudEvent event) {
        JsonNode value = data(event);
        String type = text(event, value, "type");
        String entityKey = text(event, value, "entityKey");
        if (!value.path("version").isIntegralNumber()) {
            throw new MalformedRecordEvent(event.getId(), "'version' is not an integer");
        }
        if (!value.path("data").isObject()) {
            throw new MalformedRecordEvent(event.getId(), "'data' is not an object");
        }
        return new CanonicalEvent(event.getId(), event.getTime(), type, entityKey, text(event, value, "recordId"),
                value.get("version").longValue(), value.get("data"), text(event, value, "submittedBy"),
                value.path("retraction").isObject(), value.path("erasure").isObject());
    }

    private JsonNode data(CloudEvent event) {
        CloudEventData data = event.getData();
        if (data == null) {
            throw new MalformedRecordEvent(event.getId(), "it has no data");
        }
        try {
            return json.readTree(data.toBytes());
        }
        catch (JacksonException e) {
            throw new MalformedRecordEvent(event.getId(), "data is not JSON: " + e.getOriginalMessage());
        }
    }

    private static String text(CloudEvent event, JsonNode value, String property) {
        JsonNode text = value.path(property);
        if (!text.isString() || text.stringValue().isEmpty()) {
            throw new MalformedRecordEvent(event.getId(), "'" + property + "' is not a non-empty string");
        }
        return text.stringValue();
    }
}
