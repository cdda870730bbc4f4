package io.fillonce.registry.subscription;

/**
 * Where a subscription is in its life. ACTIVE: delivering. SUSPENDED: nothing is delivered; sync-service holds every
 * version its department would have got and delivers them, in order, on resume. ENDED: nothing more is ever
 * delivered; the department gets a final {@code fillonce.subscription.ended} notice on each of its channels. An
 * ended subscription stays ended.
 */
public enum SubscriptionStatus {
    ACTIVE, SUSPENDED, ENDED
}
