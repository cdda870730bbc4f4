package io.fillonce.sync.fanout;

import java.util.List;
import java.util.Optional;

import io.fillonce.sync.mapping.UnmappableRecord;
import io.fillonce.sync.registry.RegistryView;
import io.fillonce.sync.registry.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

/**
 * Shares one canonical event with every department whose subscription wants it by topic: same record type,
 * filter matches, channel "topic". A payload that cannot be built for one department is skipped for that
 * department only (logged with the event id; dead letters come with the ledger), the others still get theirs.
 */
@Service
class FanOut {

    static final String CHANNEL = "topic";

    private static final Logger log = LoggerFactory.getLogger(FanOut.class);

    private final RegistryView registry;
    private final DepartmentTopicPublisher publisher;

    FanOut(RegistryView registry, DepartmentTopicPublisher publisher) {
        this.registry = registry;
        this.publisher = publisher;
    }

    /** Returns once Kafka has acknowledged every department message for the event. */
    void share(CanonicalEvent event) {
        List<DepartmentDelivery> deliveries = registry.subscriptionsFor(event.type()).stream()
                .filter(subscription -> subscription.sharesBy(CHANNEL))
                .filter(subscription -> subscription.wants(event.data()))
                .map(subscription -> map(event, subscription))
                .flatMap(Optional::stream)
                .toList();
        publisher.publish(deliveries);
    }

    private Optional<DepartmentDelivery> map(CanonicalEvent event, Subscription subscription) {
        try {
            return Optional.of(new DepartmentDelivery(event, subscription,
                    subscription.fields().payloadFor(event.data(), registry)));
        }
        catch (UnmappableRecord e) {
            log.warn("Event {} ({}) not delivered to department {} by subscription {}: {}", event.id(),
                    event.subject(), subscription.department(), subscription.id(), e.getMessage());
            return Optional.empty();
        }
    }
}
