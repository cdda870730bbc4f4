package io.fillonce.registry.subscription;

import java.time.Instant;

/** One step of a subscription's life: what happened ({@code created}, {@code suspended}, ...), who, when, why. */
record LifecycleStep(String step, String by, Instant at, String reason) {
}
