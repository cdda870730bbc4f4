package io.fillonce.intake.record;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * What intake accepts, as metrics with bounded tags (a registered record type, never a key or an id):
 * {@code fillonce.records.received{type, channel}}: once per version stored (not for an answer replayed for an
 * {@code Idempotency-Key}, nor for data equal to the current version), each also logged at INFO with its type,
 * version, record id and channel (never the entity key or data), so the request's trace shows in this log.
 */
@Component
public class RecordCounts {

    static final String RECEIVED = "fillonce.records.received";

    private static final Logger log = LoggerFactory.getLogger(RecordCounts.class);

    private final MeterRegistry meters;

    public RecordCounts(MeterRegistry meters) {
        this.meters = meters;
    }

    /** A version was stored through {@code channel} ({@code api} counts as {@code submit}). */
    void received(SubmissionReceipt receipt, String channel) {
        String name = Submissions.CHANNEL.equals(channel) ? "submit" : channel;
        Counter.builder(RECEIVED).description("Record versions accepted and stored")
                .tag("type", receipt.type()).tag("channel", name).register(meters).increment();
        log.info("Accepted version {} of {} record {} (channel {})", receipt.version(), receipt.type(),
                receipt.recordId(), name);
    }
}
