package io.fillonce.sync.state;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What one subscription last did with an entity: SHARED the version (on the department's topic, under
 * {@code eventId}: the canonical id, or a re-sync's derived id) or SKIPPED it ({@code reason}: its payload
 * could not be built). {@code job} names the backfill or re-sync that shared it, absent for the live fan-out.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Share(String department, long version, String eventId, Status status, String reason, Instant at,
        String job) {

    public enum Status {
        SHARED, SKIPPED
    }

    public boolean shared() {
        return status == Status.SHARED;
    }
}
