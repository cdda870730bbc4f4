package io.fillonce.sync.state;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import tools.jackson.databind.JsonNode;

/**
 * Everything sync keeps about one entity, in the fan-out's state store under its subject: the latest version
 * fillonce.records carried (canonical event id {@code <recordId>:<version>}, its time as sent, the record data),
 * the principals who submitted versions of it (for cadre receipts; the latest version's submitter last), and per
 * subscription the last version shared
 * with that subscription's department or skipped ({@link Share}), and per suspended subscription the versions it
 * holds for its department until it resumes ({@code held}, oldest first; absent when none); {@code retracted} while
 * the latest version retracts the entity (then nothing of it is shared); {@code traceId}: the trace the latest version
 * was submitted in (for the receipts' trace links), when it travelled with it. Kept and changed only
 * by the stream task that owns the entity's partition, so reading it and deciding on it never races with another
 * writer.
 */
public record EntityRecord(String type, String entityKey, String recordId, long version, String eventId,
        String time, JsonNode data, List<String> submitters, Map<String, Share> shares,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, List<HeldVersion>> held,
        @JsonProperty("retracted") @JsonInclude(JsonInclude.Include.NON_NULL) Boolean retractedMark,
        @JsonInclude(JsonInclude.Include.NON_NULL) String traceId) {

    public EntityRecord {
        submitters = List.copyOf(submitters);
        shares = Collections.unmodifiableMap(new LinkedHashMap<>(shares));
        held = held == null ? Map.of() : Map.copyOf(held);
        retractedMark = Boolean.TRUE.equals(retractedMark) ? Boolean.TRUE : null; // absent unless retracted
    }

    /** Whether the latest version retracts the entity. */
    public boolean retracted() {
        return retractedMark != null;
    }

    /**
     * A version a suspended subscription holds: its number, canonical event id, time, data and who submitted it
     * ({@code s}, absent on versions held before it was kept).
     */
    public record HeldVersion(@JsonProperty("v") long version, @JsonProperty("e") String eventId,
            @JsonProperty("t") String time, @JsonProperty("data") JsonNode data,
            @JsonProperty("x") @JsonInclude(JsonInclude.Include.NON_NULL) Boolean retractedMark,
            @JsonProperty("s") @JsonInclude(JsonInclude.Include.NON_NULL) String submittedBy) {

        public HeldVersion {
            retractedMark = Boolean.TRUE.equals(retractedMark) ? Boolean.TRUE : null;
        }

        /** Whether this version retracted the entity. */
        public boolean retracted() {
            return retractedMark != null;
        }
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
                submittedBy == null ? List.of() : List.of(submittedBy), Map.of(), Map.of(), null, null);
    }

    /**
     * This entity at a newer version; what was shared before stays, as does who submitted earlier versions (the new
     * version's submitter moves to the end).
     */
    public EntityRecord next(long newVersion, String newEventId, String newTime, JsonNode newData,
            String submittedBy) {
        return new EntityRecord(type, entityKey, recordId, newVersion, newEventId, newTime, newData,
                latestLast(submitters, submittedBy), shares, held, null, null);
    }

    /** Who submitted the latest version (null when unknown): it spared the departments that got it their typing. */
    public String latestSubmitter() {
        return submitters.isEmpty() ? null : submitters.get(submitters.size() - 1);
    }

    private static List<String> latestLast(List<String> submitters, String latest) {
        if (latest == null || latest.equals(submitters.isEmpty() ? null : submitters.get(submitters.size() - 1))) {
            return submitters;
        }
        List<String> principals = new ArrayList<>(submitters);
        principals.remove(latest);
        principals.add(latest);
        return principals;
    }

    /** This record with the trace its latest version was submitted in (a W3C trace id), or none. */
    public EntityRecord traced(String newTraceId) {
        return new EntityRecord(type, entityKey, recordId, version, eventId, time, data, submitters, shares, held,
                retractedMark, newTraceId);
    }

    /** This record as its latest version left it: {@code retracting} when that version retracts the entity. */
    public EntityRecord retracting(boolean retracting) {
        return retracting == retracted() ? this : new EntityRecord(type, entityKey, recordId, version, eventId, time,
                data, submitters, shares, held, retracting, traceId);
    }

    /** This record with the subscriptions' new shares noted (by subscription id). */
    public EntityRecord with(Map<String, Share> newShares) {
        if (newShares.isEmpty()) {
            return this;
        }
        Map<String, Share> changed = new LinkedHashMap<>(shares);
        changed.putAll(newShares);
        return new EntityRecord(type, entityKey, recordId, version, eventId, time, data, submitters, changed, held,
                retractedMark, traceId);
    }

    /** The versions the subscription holds for its department, oldest first. */
    public List<HeldVersion> holding(String subscription) {
        return held.getOrDefault(subscription, List.of());
    }

    /** This record with its current version held for the (suspended) subscription too. */
    public EntityRecord hold(String subscription) {
        Map<String, List<HeldVersion>> changed = new LinkedHashMap<>(held);
        List<HeldVersion> versions = new ArrayList<>(holding(subscription));
        versions.add(new HeldVersion(version, eventId, time, data, retractedMark, latestSubmitter()));
        changed.put(subscription, versions);
        return new EntityRecord(type, entityKey, recordId, version, eventId, time, data, submitters, shares, changed,
                retractedMark, traceId);
    }

    /** This record without what the subscription held (delivered now, or never to be: the subscription ended). */
    public EntityRecord released(String subscription) {
        if (!held.containsKey(subscription)) {
            return this;
        }
        Map<String, List<HeldVersion>> changed = new LinkedHashMap<>(held);
        changed.remove(subscription);
        return new EntityRecord(type, entityKey, recordId, version, eventId, time, data, submitters, shares, changed,
                retractedMark, traceId);
    }

    /** The entity as it was at a held version, to deliver that version. */
    public EntityRecord at(HeldVersion earlier) {
        return new EntityRecord(type, entityKey, recordId, earlier.version(), earlier.eventId(), earlier.time(),
                earlier.data(), latestLast(submitters, earlier.submittedBy()), shares, held, earlier.retractedMark(),
                null);
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
