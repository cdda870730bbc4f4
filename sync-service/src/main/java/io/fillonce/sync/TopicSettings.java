package io.fillonce.sync;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How sync creates the topics it writes to (department topics, the audit topic, fillonce.records.dead).
 * {@code retention}: how long Kafka keeps department and audit messages ({@code retention.ms}; the feed replays at
 * most that far back): an erased entity's earlier messages stay in them until then (README: Erasure).
 * {@code deadLetterRetention}: how long fillonce.records.dead keeps a message the fan-out could not read, time
 * for an operator to inspect it and have it fixed and submitted again.
 */
@ConfigurationProperties("fillonce.topics")
public record TopicSettings(@DefaultValue("3") int partitions, @DefaultValue("1") short replication,
        @DefaultValue("7d") Duration retention, @DefaultValue("30d") Duration deadLetterRetention) {

    /** {@code retention.ms} as a topic config value. */
    public String retentionMs() {
        return String.valueOf(retention.toMillis());
    }

    /** {@code retention.ms} of fillonce.records.dead as a topic config value. */
    public String deadLetterRetentionMs() {
        return String.valueOf(deadLetterRetention.toMillis());
    }
}
