package io.fillonce.intake;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code fillonce.topics}: how the topics this service declares are created. {@code retention}: how
 * long Kafka keeps {@code fillonce.records} messages ({@code retention.ms}): an erased entity's earlier versions
 * stay there until then (README: Erasure).
 */
@ConfigurationProperties("fillonce.topics")
public record TopicProperties(@DefaultValue("3") int partitions, @DefaultValue("1") short replication,
        @DefaultValue("7d") Duration retention) {

    /** {@code retention.ms} as a topic config value. */
    public String retentionMs() {
        return String.valueOf(retention.toMillis());
    }
}
