package io.fillonce.registry.department;

import java.time.Instant;
import java.util.List;

/**
 * Where a department receives webhooks, as stored: its Standard Webhooks signing {@code secrets} (current first,
 * the previous one until {@code previousSecretUntil} during a rotation) and whether deliveries are on
 * ({@code active} is null in webhooks stored before it existed: off until the secret repair switches it on).
 */
record Webhook(String url, List<String> secrets, Instant previousSecretUntil, Boolean active) {

    Webhook withUrl(String newUrl) {
        return new Webhook(newUrl, secrets, previousSecretUntil, active);
    }

    Webhook withActive(boolean on) {
        return new Webhook(url, secrets, previousSecretUntil, on);
    }

    Webhook rotated(String secret, Instant previousUntil) {
        return new Webhook(url, List.of(secret, secrets.get(0)), previousUntil, active);
    }

    Webhook withoutPrevious() {
        return new Webhook(url, List.of(secrets.get(0)), null, active);
    }

    boolean isOn() {
        return Boolean.TRUE.equals(active);
    }

    boolean hasSecret() {
        return secrets != null && !secrets.isEmpty();
    }
}
