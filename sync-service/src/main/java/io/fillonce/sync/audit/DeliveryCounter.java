package io.fillonce.sync.audit;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Told of every batch of the audit topic once it is chained and before its offsets are committed, so the confirmed
 * deliveries in it are counted once (the flows' ledger counts them). The audit writer knows only this, not who
 * counts.
 */
public interface DeliveryCounter {

    /** Counts the confirmed deliveries among {@code records}; called again for a batch re-read after a crash. */
    void count(List<ConsumerRecord<String, byte[]>> records);
}
