package io.fillonce.sync.state;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What one subscription last did with an entity: shared version {@code v} with department {@code d} at {@code at}
 * (on the department's topic, under the entity's canonical event id, or under {@code e}: a re-sync's derived id),
 * or skipped it ({@code r}: why its payload could not be built), or told the department that version {@code v} left
 * the subscription's filter ({@code w}: a {@code withdrawn} message, no data), or that version {@code v} retracted
 * the entity ({@code x}: a {@code retracted} message, no data). {@code j} names the backfill or
 * re-sync that shared it, absent for the live fan-out. Kept short: every entity record holds one per subscription of
 * its type.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Share(@JsonProperty("d") String department, @JsonProperty("v") long version,
        @JsonProperty("e") String derivedEventId, @JsonProperty("r") String skippedBecause,
        @JsonProperty("at") Instant at, @JsonProperty("j") String job,
        @JsonProperty("w") Boolean withdrawn, @JsonProperty("x") Boolean retracted) {

    public static Share shared(String department, long version, String eventId, String canonicalEventId, Instant at,
            String job) {
        return new Share(department, version, eventId.equals(canonicalEventId) ? null : eventId, null, at, job, null,
                null);
    }

    public static Share skipped(String department, long version, String reason, Instant at, String job) {
        return new Share(department, version, null, reason, at, job, null, null);
    }

    /** Version {@code version} no longer matches the subscription's filter, and the department was told. */
    public static Share withdrawn(String department, long version, Instant at) {
        return new Share(department, version, null, null, at, null, Boolean.TRUE, null);
    }

    /** Version {@code version} retracted the entity, and the department was told. */
    public static Share retracted(String department, long version, Instant at) {
        return new Share(department, version, null, null, at, null, null, Boolean.TRUE);
    }

    /** Whether this is a retracted notice: version {@code version} retracted the entity (absent otherwise). */
    @JsonIgnore
    public boolean wasRetracted() {
        return Boolean.TRUE.equals(retracted);
    }

    /** Whether this is a withdrawn notice: version {@code version} left the filter (absent on the wire otherwise). */
    @JsonIgnore
    public boolean left() {
        return Boolean.TRUE.equals(withdrawn);
    }

    /** The department holds a copy of some version: it got one, and was not told since that the entity left. */
    @JsonIgnore
    public boolean holdsCopy() {
        return skippedBecause == null && !left() && !wasRetracted();
    }

    /** False when the version was skipped (its payload could not be built). */
    @JsonIgnore
    public boolean shared() {
        return skippedBecause == null;
    }

    /** The event id the department got the version under, given the entity's canonical one of that version. */
    public String eventId(String canonicalEventId) {
        return derivedEventId != null ? derivedEventId : canonicalEventId;
    }
}
