package io.fillonce.intake;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Settings under {@code fillonce.topics}: how the topics this service declares are created. */
@ConfigurationProperties("fillonce.topics")
public record TopicProperties(@DefaultValue("3") int partitions, @DefaultValue("1") short replication) {
}
