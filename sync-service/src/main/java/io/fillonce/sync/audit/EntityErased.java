package io.fillonce.sync.audit;

/**
 * An erased entity's subject ({@code <type>/<entityKey>}), published while the audit log redacts it, so that what
 * other features keep of the entity outside the fan-out's store (webhook dead letters, parked deliveries, receipts)
 * goes too, for every department. A listener that fails makes the redaction try again.
 */
public record EntityErased(String subject) {
}
