package io.fillonce.sync.state;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * Everything sync keeps about one entity, in the fan-out's state store under its subject: the latest version
 * fillonce.records carried (canonical event id {@code <recordId>:<version>}, its time as sent, the record data),
 * the principals who submitted versions of it (for cadre receipts), and per subscription the last version shared
 * with that subscription's department or skipped ({@link Share}). Kept and changed only by the stream task that
 * owns the entity's partition, so reading it and deciding on it never races with another writer.
 */
public record EntityRecord(String type, String entityKey, String recordId, long version, String eventId,
        String time, JsonNode data, List<String> submitters, Map<String, Share> shares) {

    public EntityRecord {
        submitters = List.copyOf(submitters);
        shares = Collections.unmodifiableMap(new LinkedHashMap<>(shares));
    }

    /** The Kafka key and CloudEvents subject, {@code <type>/<entityKey>}; also the record's key in the store. */
    public String subject() {
        return subject(type, entityKey);
    }

    public static String subject(String type, String entityKey) {
        return type + "/" + entityKey;
    }

    /** The first version of an entity sync sees. */
    public static EntityRecord first(String type, String entityKey, String recordId, long version, String eventId,
            String time, JsonNode data, String submittedBy) {
        return new EntityRecord(type, entityKey, recordId, version, eventId, time, data,
                submittedBy == null ? List.of() : List.of(submittedBy), Map.of());
    }

    /** This entity at a newer version; what was shared before stays, as does who submitted earlier versions. */
    public EntityRecord next(long newVersion, String newEventId, String newTime, JsonNode newData,
            String submittedBy) {
        List<String> principals = submitters;
        if (submittedBy != null && !submitters.contains(submittedBy)) {
            principals = new ArrayList<>(submitters);
            principals.add(submittedBy);
        }
        return new EntityRecord(type, entityKey, recordId, newVersion, newEventId, newTime, newData, principals,
                shares);
    }

    /** This record with the subscriptions' new shares noted (by subscription id). */
    public EntityRecord with(Map<String, Share> newShares) {
        if (newShares.isEmpty()) {
            return this;
        }
        Map<String, Share> changed = new LinkedHashMap<>(shares);
        changed.putAll(newShares);
        return new EntityRecord(type, entityKey, recordId, version, eventId, time, data, submitters, changed);
    }

    /** True when the subscription's department got this version already (or it was skipped for it). */
    public boolean hasCurrentVersionFor(String subscription) {
        Share share = shares.get(subscription);
        return share != null && share.version() >= version;
    }

    public boolean submittedBy(String principal) {
        return submitters.contains(principal);
    }
}
