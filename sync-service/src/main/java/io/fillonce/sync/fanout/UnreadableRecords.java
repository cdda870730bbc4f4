package io.fillonce.sync.fanout;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

import io.fillonce.sync.Topics;
import io.fillonce.sync.fanout.MalformedRecordEvent.Reason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dead letter of a fillonce.records message the fan-out cannot read (a poison message): the message exactly as
 * it came (key and value bytes, its headers, its timestamp) with headers naming where it was and why it was refused,
 * for {@value Topics#RECORDS_DEAD}. The fan-out writes it in the transaction that commits the message's offset, so
 * it is kept once, and the partition goes on. Each one is counted ({@value #METER}, tag {@code reason}) and logged
 * as an ERROR naming its place, never its content.
 */
final class UnreadableRecords {

    static final String METER = "fillonce.fanout.dead.letters";
    static final String SOURCE_TOPIC = "fillonce-dead-letter-topic";
    static final String SOURCE_PARTITION = "fillonce-dead-letter-partition";
    static final String SOURCE_OFFSET = "fillonce-dead-letter-offset";
    /** When the message was written to its topic (its Kafka timestamp), ISO-8601. */
    static final String SOURCE_TIMESTAMP = "fillonce-dead-letter-timestamp";
    /** The class of what was wrong: a {@link Reason} tag. */
    static final String REASON = "fillonce-dead-letter-reason";
    /** What exactly was wrong, for a person. */
    static final String DETAIL = "fillonce-dead-letter-detail";

    private static final Logger log = LoggerFactory.getLogger(UnreadableRecords.class);

    private final Map<Reason, Counter> counters = new EnumMap<>(Reason.class);

    UnreadableRecords(MeterRegistry meters) {
        for (Reason reason : Reason.values()) {
            counters.put(reason, Counter.builder(METER).tag("reason", reason.tag())
                    .description("fillonce.records messages the fan-out could not read, kept on "
                            + Topics.RECORDS_DEAD)
                    .register(meters));
        }
    }

    /** The dead letter of {@code record}, read from {@code source}, that could not be read because of {@code why}. */
    Record<String, Outgoing> deadLetter(Record<byte[], byte[]> record, RecordMetadata source,
            MalformedRecordEvent why) {
        Headers headers = new RecordHeaders(record.headers().toArray());
        add(headers, SOURCE_TOPIC, source.topic());
        add(headers, SOURCE_PARTITION, String.valueOf(source.partition()));
        add(headers, SOURCE_OFFSET, String.valueOf(source.offset()));
        add(headers, SOURCE_TIMESTAMP, Instant.ofEpochMilli(record.timestamp()).toString());
        add(headers, REASON, why.reason().tag());
        add(headers, DETAIL, why.getMessage());
        counters.get(why.reason()).increment();
        log.error("Dead-lettered {}-{}@{} to {} ({}): {}", source.topic(), source.partition(), source.offset(),
                Topics.RECORDS_DEAD, why.reason().tag(), why.getMessage());
        return new Record<>(null, new Outgoing.ToDeadLetters(record.key(), record.value()), record.timestamp(),
                headers);
    }

    private static void add(Headers headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
