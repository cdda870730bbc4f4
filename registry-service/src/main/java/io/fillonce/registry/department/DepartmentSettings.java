package io.fillonce.registry.department;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code fillonce.registry.webhook-secret-grace}: how long a rotated-out webhook secret keeps signing (default
 * 24 h); {@code fillonce.registry.allow-http-webhooks}: accept http:// webhook URLs (local stack only).
 */
@ConfigurationProperties("fillonce.registry")
record DepartmentSettings(@DefaultValue("24h") Duration webhookSecretGrace,
        @DefaultValue("false") boolean allowHttpWebhooks) {
}
