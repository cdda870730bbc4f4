package io.fillonce.sync.fanout;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;

import io.fillonce.sync.delivery.Delivery;
import io.fillonce.sync.delivery.DeliveryStatus;
import io.fillonce.sync.delivery.Lanes;
import io.fillonce.sync.delivery.Ledger;
import io.fillonce.sync.mapping.UnmappableRecord;
import io.fillonce.sync.receipt.Submitters;
import io.fillonce.sync.registry.RegistryView;
import io.fillonce.sync.registry.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Service;

/**
 * Shares one canonical event with every department whose subscription wants it (same record type, filter
 * matches): one PENDING ledger entry per subscription and channel, then a nudge to each department's lane. The
 * records consumer only waits for these ledger writes, never for a department. A payload that cannot be built
 * for one department is recorded as SKIPPED with the reason for that department only; the others still get theirs.
 */
@Service
class FanOut {

    private static final Logger log = LoggerFactory.getLogger(FanOut.class);

    private final RegistryView registry;
    private final Ledger ledger;
    private final Lanes lanes;
    private final Submitters submitters;
    private final JsonMapper json;
    private final Clock clock = Clock.systemUTC();

    FanOut(RegistryView registry, Ledger ledger, Lanes lanes, Submitters submitters, JsonMapper json) {
        this.registry = registry;
        this.ledger = ledger;
        this.lanes = lanes;
        this.submitters = submitters;
        this.json = json;
    }

    /** Returns once the submitter and every department's entries for the event are in MongoDB. */
    void share(CanonicalEvent event) {
        submitters.record(event.type(), event.entityKey(), event.submittedBy());
        List<Delivery> deliveries = registry.subscriptionsFor(event.type()).stream()
                .filter(subscription -> subscription.wants(event.data()))
                .flatMap(subscription -> subscription.channels().stream().filter(lanes::knows).sorted()
                        .map(channel -> entry(event, subscription, channel)))
                .toList();
        deliveries.forEach(ledger::enqueue);
        deliveries.stream().filter(d -> d.status() == DeliveryStatus.PENDING)
                .forEach(d -> lanes.wake(d.department(), d.channel()));
    }

    private Delivery entry(CanonicalEvent event, Subscription subscription, String channel) {
        String payload = null;
        String error = null;
        try {
            payload = json.writeValueAsString(subscription.fields().payloadFor(event.data(), registry));
        }
        catch (UnmappableRecord e) {
            error = "payload cannot be built: " + e.getMessage();
            log.warn("Event {} ({}) not delivered to department {} by subscription {}: {}", event.id(),
                    event.subject(), subscription.department(), subscription.id(), e.getMessage());
        }
        return new Delivery(Delivery.id(event.id(), subscription.department(), channel), event.id(),
                subscription.department(), channel, subscription.id(), subscription.purpose(),
                subscription.legalBasis(), event.type(), event.entityKey(), event.subject(), event.version(),
                DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(event.time()), payload, hash(payload),
                payload == null ? DeliveryStatus.SKIPPED : DeliveryStatus.PENDING, 0, error, clock.instant(), null,
                null, null, null);
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
