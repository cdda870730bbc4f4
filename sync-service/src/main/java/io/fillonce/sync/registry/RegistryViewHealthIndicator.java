package io.fillonce.sync.registry;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** Part of readiness: out of service until the registry view has caught up with fillonce.registry. */
@Component
class RegistryViewHealthIndicator implements HealthIndicator {

    private final RegistryCatchUp catchUp;
    private final RegistryView view;

    RegistryViewHealthIndicator(RegistryCatchUp catchUp, RegistryView view) {
        this.catchUp = catchUp;
        this.view = view;
    }

    @Override
    public Health health() {
        Health.Builder health = catchUp.isCaughtUp() ? Health.up() : Health.outOfService();
        return health.withDetails(view.sizes()).build();
    }
}
