package io.fillonce.sync.registry;

/** A subscription the view knew was suspended, resumed or ended: its jobs (release, ended notice) are due. */
public record SubscriptionStatusChanged(String id, Subscription.Status status) {
}
