package io.fillonce.intake.registry;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health contributor {@code registryView}, part of the readiness group: out of service until the registry view
 * has read everything {@code fillonce.registry} held when this instance started.
 */
@Component
class RegistryViewHealthIndicator implements HealthIndicator {

    private final RecordTypes types;

    RegistryViewHealthIndicator(RecordTypes types) {
        this.types = types;
    }

    @Override
    public Health health() {
        Health.Builder health = types.isCaughtUp() ? Health.up() : Health.outOfService();
        return health.withDetail("topic", RegistryListener.TOPIC).withDetail("recordTypes", types.size()).build();
    }
}
