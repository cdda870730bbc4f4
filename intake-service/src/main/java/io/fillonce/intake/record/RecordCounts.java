package io.fillonce.intake.record;

import java.util.Map;

import io.fillonce.intake.registry.RecordTypes;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * What intake accepts and refuses, as metrics with bounded tags (a registered record type or {@code unknown}, never
 * a key or an id):
 * <ul>
 * <li>{@code fillonce.records.received{type, channel}}: once per version stored (not for an answer replayed for an
 * {@code Idempotency-Key}, nor for data equal to the current version), each also logged with its type, version,
 * record id and channel (never the entity key or data), so the request's trace shows in this log: at INFO, a bulk
 * upload's lines at DEBUG (thousands a second);</li>
 * <li>{@code fillonce.records.rejected{type, reason}}: once per record refused with a 4xx problem, single or bulk
 * line, by the kind of problem ({@link #REASONS}).</li>
 * </ul>
 */
@Component
public class RecordCounts {

    static final String RECEIVED = "fillonce.records.received";

    static final String REJECTED = "fillonce.records.rejected";

    static final String UNKNOWN_TYPE = "unknown";

    private static final String BATCH = "batch";

    private static final String ACCEPTED = "Accepted version {} of {} record {} (channel {})";

    /** The reason a problem type (the last segment of its URI) counts under; other problems are not counted. */
    static final Map<String, String> REASONS = Map.ofEntries(Map.entry("validation", "invalid"),
            Map.entry("unknown-schema-version", "invalid"), Map.entry("retracted", "conflict"),
            Map.entry("erased", "conflict"), Map.entry("concurrent-submissions", "conflict"),
            Map.entry("outside-region", "outside-region"), Map.entry("record-too-large", "too-large"),
            Map.entry("upload-too-large", "too-large"), Map.entry("unknown-record-type", "unknown-type"),
            Map.entry("malformed-record", "malformed"), Map.entry("invalid-input", "malformed"),
            Map.entry("precondition-required", "precondition"), Map.entry("precondition-failed", "precondition"));

    private static final Logger log = LoggerFactory.getLogger(RecordCounts.class);

    private final MeterRegistry meters;

    private final RecordTypes types;

    public RecordCounts(MeterRegistry meters, RecordTypes types) {
        this.meters = meters;
        this.types = types;
    }

    /** A version was stored through {@code channel} ({@code api} counts as {@code submit}). */
    void received(SubmissionReceipt receipt, String channel) {
        String name = Submissions.CHANNEL.equals(channel) ? "submit" : channel;
        Counter.builder(RECEIVED).description("Record versions accepted and stored")
                .tag("type", receipt.type()).tag("channel", name).register(meters).increment();
        if (BATCH.equals(name)) { // an upload's lines: its job says how many at INFO, each line only at DEBUG
            log.debug(ACCEPTED, receipt.version(), receipt.type(), receipt.recordId(), name);
        }
        else {
            log.info(ACCEPTED, receipt.version(), receipt.type(), receipt.recordId(), name);
        }
    }

    /**
     * A record of {@code typeName} (as the request named it) was refused with the problem {@code problemType} (the
     * last segment of its type URI); counted if that problem is one of {@link #REASONS}.
     */
    public void rejected(String typeName, String problemType) {
        String reason = REASONS.get(problemType);
        if (reason == null) {
            return;
        }
        String type = typeName != null && types.find(typeName).isPresent() ? typeName : UNKNOWN_TYPE;
        Counter.builder(REJECTED).description("Records refused with a 4xx problem, by reason")
                .tag("type", type).tag("reason", reason).register(meters).increment();
    }
}
