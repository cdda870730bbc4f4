package io.fillonce.intake.record;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Where the events of accepted versions go: this instance's relay ({@code relay/}). Every write that stores a
 * version goes through three steps:
 * <ol>
 * <li>{@link #claim}: before any document is written, a small claim listing the subjects is stored, so that if
 * this instance dies after its write, another one finds the subjects to publish without scanning the records;</li>
 * <li>the write itself: each record document with its new events (tagged with the claim) in one single-document
 * write;</li>
 * <li>{@link #written}: the written documents are handed to the relay in process; it publishes their unpublished
 * events, each entity's in version order, and deletes the claim once all are acknowledged.</li>
 * </ol>
 * An event whose claim no longer exists has been published; the entity's next write trims it from the document.
 */
public interface Outbox {

    /**
     * Stores a claim on these subjects (before any of them is written).
     *
     * @param versions how many versions the writes under it are expected to add (for the backlog gauge)
     */
    void claim(Claim claim, Collection<String> subjects, int versions);

    /** Adds subjects to a claim before they are written (a retried write found more to change). */
    void extend(Claim claim, Collection<String> subjects, int versions);

    /**
     * Fails with {@link OutboxUnavailable} unless this instance may still write under its claims now (no other
     * instance can have taken them over); called right before each write.
     */
    void fence();

    /** Which of these claims still exist; an event tagged with any other claim has been published. */
    Set<String> pending(Collection<String> claimIds);

    /**
     * Hands over the documents written under a claim (each as written); the relay publishes their events.
     *
     * @param mayWait whether to wait a little for room when the relay has much in flight (the bulk path); without
     *        room the claim is left to the relay's recovery, which publishes from MongoDB
     */
    void written(Claim claim, List<RecordDocument> documents, boolean mayWait);

    /** The writes under this claim failed in a way that leaves unknown what was stored: recovery will tell. */
    void unsure(Claim claim);

    /** A claim: the subjects that may get unpublished events, stored before their documents are written. */
    record Claim(String id) {

        /** A new claim id; events are tagged with it while the write is prepared, before the claim is stored. */
        public static Claim next() {
            return new Claim("claim-" + UUID.randomUUID());
        }
    }
}
