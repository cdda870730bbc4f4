package io.fillonce.sync.fanout;

import java.time.OffsetDateTime;

import tools.jackson.databind.JsonNode;

/**
 * One version of one entity as read from fillonce.records: the CloudEvent's id and time, its data and who
 * submitted it (a principal id, e.g. {@code cadre:c-0001}); {@code retracted} when this version retracts the entity;
 * {@code erased} when it is the entity's last version, an erasure (no data).
 */
record CanonicalEvent(String id, OffsetDateTime time, String type, String entityKey, String recordId, long version,
        JsonNode data, String submittedBy, boolean retracted, boolean erased) {

    /** The Kafka key and CloudEvents subject, {@code <type>/<entityKey>}. */
    String subject() {
        return type + "/" + entityKey;
    }
}
