package io.fillonce.registry.department;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A department's webhook over HTTP. {@code secret} appears only in the answer that issued it (create, adding a
 * webhook, rotation); {@code previousSecretUntil} while a rotated-out secret still signs deliveries.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record WebhookView(String url, Boolean active, String secret, Instant previousSecretUntil) {
}
