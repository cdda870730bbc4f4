package io.fillonce.sync.registry;

import java.time.Instant;
import java.util.Set;

import io.fillonce.fieldrules.FieldMapping;
import io.fillonce.fieldrules.Filter;
import tools.jackson.databind.JsonNode;

/**
 * A department's subscription to a record type, as the registry published it. {@code keyInClear}: its department
 * sees entities under their key (registry's {@code "subjects": "CLEAR"}), else under its pseudonyms. {@code version}:
 * which version of its mapping (every message names it). {@code status} and {@code statusSince}: where it is in its
 * life, since when (null while its status never changed). {@code resyncVersion}: the version whose change asked
 * for the department's current state to be sent again under it (null: none).
 */
public record Subscription(String id, int version, String department, String recordType, String purpose,
        String legalBasis, FieldMapping fields, Filter filter, Set<String> channels, boolean keyInClear, Status status,
        Instant statusSince, Integer resyncVersion) {

    /** {@code ce_type} of the last message an ended subscription's department gets from it. */
    public static final String ENDED_NOTICE = "fillonce.subscription.ended";

    /**
     * ACTIVE delivers; SUSPENDED holds what it would deliver until it is ACTIVE again; ENDED delivers nothing more
     * after its {@value #ENDED_NOTICE} notice.
     */
    public enum Status {
        ACTIVE, SUSPENDED, ENDED
    }

    public Subscription {
        channels = Set.copyOf(channels);
    }

    public boolean sharesBy(String channel) {
        return channels.contains(channel);
    }

    /**
     * Whether a message of this subscription of {@code eventType} ({@code ce_type}) still goes out by
     * {@code channel}: everything while the subscription uses the channel, only the ended notice once it ended.
     */
    public boolean delivers(String channel, String eventType) {
        return sharesBy(channel) && (status != Status.ENDED || ENDED_NOTICE.equals(eventType));
    }

    public boolean wants(JsonNode data) {
        return filter.matches(data);
    }

    /** Delivering, and entitling its department to read (prefill). */
    public boolean active() {
        return status == Status.ACTIVE;
    }

    public boolean suspended() {
        return status == Status.SUSPENDED;
    }

    public boolean ended() {
        return status == Status.ENDED;
    }

    /** Its current version asked for a re-sync: the department's current state is due again, mapped under it. */
    public boolean resyncDue() {
        return resyncVersion != null && resyncVersion == version;
    }

    /** Active again after a suspension: what it held while suspended is due. */
    public boolean resumed() {
        return status == Status.ACTIVE && statusSince != null;
    }
}
