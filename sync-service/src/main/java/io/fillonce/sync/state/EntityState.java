package io.fillonce.sync.state;

import tools.jackson.databind.JsonNode;

/**
 * The latest known version of one entity, as fillonce.records carried it: the canonical event's id
 * ({@code <recordId>:<version>}) and time (ISO-8601, as sent), and the record data.
 */
public record EntityState(String type, String entityKey, String recordId, long version, String eventId, String time,
        JsonNode data) {

    /** The Kafka key and CloudEvents subject, {@code <type>/<entityKey>}; also the state document's id. */
    public String subject() {
        return subject(type, entityKey);
    }

    public static String subject(String type, String entityKey) {
        return type + "/" + entityKey;
    }
}
