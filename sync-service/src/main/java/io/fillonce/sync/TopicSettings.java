package io.fillonce.sync;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How sync creates the topics it writes to (department topics, the audit topic). {@code retention}: how long
 * Kafka keeps their messages ({@code retention.ms}; the feed replays at most that far back): an erased entity's
 * earlier messages stay in them until then (README: Erasure).
 */
@ConfigurationProperties("fillonce.topics")
public record TopicSettings(@DefaultValue("3") int partitions, @DefaultValue("1") short replication,
        @DefaultValue("7d") Duration retention) {

    /** {@code retention.ms} as a topic config value. */
    public String retentionMs() {
        return String.valueOf(retention.toMillis());
    }
}
