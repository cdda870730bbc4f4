package io.fillonce.registryfeed;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a service follows the registry topic: from the beginning, with a consumer group of its own per instance,
 * {@code groupPrefix} + a random UUID (the broker grants each service's principal its own prefix:
 * {@code fillonce-gateway-view-}, {@code fillonce-intake-view-}, {@code fillonce-sync-view-}). {@code idleCheck} is
 * how often an idle consumer looks again whether it has caught up.
 */
@ConfigurationProperties("fillonce.registry-view")
record RegistryFeedSettings(String groupPrefix, @DefaultValue("500ms") Duration idleCheck) {

    RegistryFeedSettings {
        if (groupPrefix == null || groupPrefix.isBlank()) {
            throw new IllegalArgumentException("fillonce.registry-view.group-prefix is not set: the registry view "
                    + "reads " + RegistryTopic.NAME + " in consumer groups under this service's own prefix");
        }
    }
}
