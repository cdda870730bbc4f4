package io.fillonce.gateway.principal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the principal view comes from: the compacted registry topic, read from the beginning by a consumer group
 * of its own per gateway instance ({@code groupPrefix} + a random UUID). {@code idleCheck} is how often an idle
 * consumer re-checks whether it has caught up.
 */
@ConfigurationProperties("fillonce.registry-view")
record RegistryViewSettings(
        @DefaultValue("fillonce.registry") String topic,
        @DefaultValue("fillonce-gateway-view-") String groupPrefix,
        @DefaultValue("1s") Duration idleCheck) {
}
