package io.fillonce.sync.audit;

/** What an audit entry records: a channel confirmed a delivery, a feed item was read, a prefill read an entity. */
public enum AuditAction {
    DELIVERED, FEED_READ, PREFILL_READ
}
