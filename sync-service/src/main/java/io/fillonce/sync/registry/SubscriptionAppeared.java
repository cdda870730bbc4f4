package io.fillonce.sync.registry;

/** A subscription the view did not hold before is now registered (or the view is being built at start-up). */
public record SubscriptionAppeared(String id) {
}
