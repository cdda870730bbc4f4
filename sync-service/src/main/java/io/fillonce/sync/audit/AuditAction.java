package io.fillonce.sync.audit;

/**
 * What an audit entry records: a channel confirmed a delivery, a feed item was read, a prefill read an entity, a
 * record or its history was read at intake, an entity's receipts were read, its data subject's access report was
 * made, its data was erased (the departments told are its recipients).
 */
public enum AuditAction {
    DELIVERED, FEED_READ, PREFILL_READ, RECORD_READ, HISTORY_READ, RECEIPTS_READ, REPORT_READ, ERASED
}
