package io.fillonce.intake.record;

import java.util.List;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.util.RawValue;

import org.springframework.stereotype.Component;

/**
 * The events of a record document as the relay publishes them: a stored payload as it is; the current version's,
 * which is not stored, built from the document (its data copied verbatim, not parsed again).
 */
@Component
public class RecordEvents {

    private final RecordMapper mapper;

    private final JsonMapper json;

    RecordEvents(RecordMapper mapper, JsonMapper json) {
        this.mapper = mapper;
        this.json = json;
    }

    /** These events of the document, each with its payload. */
    public List<OutboxEvent> withPayloads(RecordDocument document, List<OutboxEvent> events) {
        return events.stream().map(event -> event.payload() != null ? event : current(document, event)).toList();
    }

    private OutboxEvent current(RecordDocument document, OutboxEvent event) {
        if (event.version() != document.getVersion()) {
            throw new IllegalStateException("Event " + event.eventId() + " of " + document.getId()
                    + " has no payload but is not the current version " + document.getVersion());
        }
        return event.withPayload(payload(document));
    }

    /** The payload of the document's current version. */
    String payload(RecordDocument document) {
        return json.writeValueAsString(mapper.toEvent(document,
                JsonNodeFactory.instance.rawValueNode(new RawValue(document.getData()))));
    }
}
