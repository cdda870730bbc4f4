package io.fillonce.sync.delivery;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;

import io.fillonce.sync.mapping.FieldHashes;
import io.fillonce.sync.mapping.UnmappableRecord;
import io.fillonce.sync.registry.RegistryView;
import io.fillonce.sync.registry.Subscription;
import io.fillonce.sync.state.EntityState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Puts one version of one entity in a department's lanes through one subscription: one ledger entry per channel
 * of the subscription, mapped with the subscription as the view holds it now, then a nudge to each lane with
 * work. Used by the live fan-out, backfills and re-syncs alike, so they share ledger ids and therefore can never
 * queue the same event twice for a department and channel. A payload that cannot be built is recorded as
 * SKIPPED with the reason.
 */
@Component
public class Sharing {

    private static final Logger log = LoggerFactory.getLogger(Sharing.class);

    private final RegistryView registry;
    private final Ledger ledger;
    private final Lanes lanes;
    private final JsonMapper json;
    private final FieldHashes hashes;
    private final Clock clock = Clock.systemUTC();

    public Sharing(RegistryView registry, Ledger ledger, Lanes lanes, JsonMapper json, FieldHashes hashes) {
        this.hashes = hashes;
        this.registry = registry;
        this.ledger = ledger;
        this.lanes = lanes;
        this.json = json;
    }

    /**
     * Queues the state for the subscription's department (the caller checked the filter). {@code resyncJob} is the
     * re-sync job's id for a re-sync delivery, else null. Returns the entries as built (whether new or not).
     */
    public List<Delivery> share(EntityState state, Subscription subscription, String resyncJob) {
        List<Delivery> entries = subscription.channels().stream().filter(lanes::knows).sorted()
                .map(channel -> entry(state, subscription, channel, resyncJob)).toList();
        entries.forEach(ledger::enqueue);
        entries.stream().filter(d -> d.status() == DeliveryStatus.PENDING)
                .forEach(d -> lanes.wake(d.department(), d.channel()));
        return entries;
    }

    /**
     * True when the state is in the ledger already for every channel of the subscription: the department has it
     * queued or delivered (or it was recorded as SKIPPED), so sharing it again would change nothing.
     */
    public boolean queued(EntityState state, Subscription subscription) {
        return subscription.channels().stream().filter(lanes::knows).allMatch(channel -> ledger
                .find(Delivery.id(state.eventId(), subscription.department(), channel)).isPresent());
    }

    private Delivery entry(EntityState state, Subscription subscription, String channel, String resyncJob) {
        String payload = null;
        String error = null;
        try {
            payload = json.writeValueAsString(subscription.fields().payloadFor(state.data(), registry,
                    hashes.forDepartment(subscription.department())));
        }
        catch (UnmappableRecord e) {
            error = "payload cannot be built: " + e.getMessage();
            log.warn("Event {} ({}) not delivered to department {} by subscription {}: {}", state.eventId(),
                    state.subject(), subscription.department(), subscription.id(), e.getMessage());
        }
        String eventId = resyncJob == null ? state.eventId() : Delivery.resyncEventId(state.eventId(), resyncJob);
        return new Delivery(Delivery.id(eventId, subscription.department(), channel), eventId,
                subscription.department(), channel, subscription.id(), subscription.purpose(),
                subscription.legalBasis(), state.type(), state.entityKey(), state.subject(), state.version(),
                state.time(), payload, hash(payload), payload == null ? DeliveryStatus.SKIPPED : DeliveryStatus.PENDING,
                0, error, clock.instant(), null, null, null, null, resyncJob == null ? null : state.eventId());
    }

    static String hash(String payload) {
        if (payload == null) {
            return null;
        }
        try {
            return "sha256:" + HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(payload.getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
