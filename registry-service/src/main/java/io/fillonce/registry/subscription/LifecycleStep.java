package io.fillonce.registry.subscription;

import java.time.Instant;

/**
 * One step of a subscription's life or of a sharing request: what happened ({@code requested}, {@code approved},
 * {@code created}, {@code suspended}, ...), who, when, why; {@code request}: the sharing request it belongs to,
 * null for a step an administrator took directly.
 */
record LifecycleStep(String step, String by, Instant at, String reason, String request) {
}
