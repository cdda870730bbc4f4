package io.fillonce.sync;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** How sync creates the department topics it writes to. */
@ConfigurationProperties("fillonce.topics")
public record TopicSettings(@DefaultValue("3") int partitions, @DefaultValue("1") short replication) {
}
