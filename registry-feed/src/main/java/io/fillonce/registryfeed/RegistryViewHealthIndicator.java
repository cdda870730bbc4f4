package io.fillonce.registryfeed;

import java.util.List;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health contributor {@code registryView}, part of every following service's readiness group: out of service until
 * the views have caught up with the registry topic (a gateway would reject keys it does not know yet, intake refuse
 * record types, sync share against an older registry); then up for good, since the views keep working while Kafka or
 * registry-service are away. Details: the topic and how much each view holds.
 */
final class RegistryViewHealthIndicator implements HealthIndicator {

    private final RegistryPosition position;
    private final List<RegistryEntryHandler> handlers;

    RegistryViewHealthIndicator(RegistryPosition position, List<RegistryEntryHandler> handlers) {
        this.position = position;
        this.handlers = List.copyOf(handlers);
    }

    @Override
    public Health health() {
        Health.Builder health = position.isCaughtUp() ? Health.up() : Health.outOfService();
        health.withDetail("topic", RegistryTopic.NAME);
        handlers.forEach(handler -> health.withDetails(handler.sizes()));
        return health.build();
    }
}
