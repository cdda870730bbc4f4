package io.fillonce.registry.publishing;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Partitions and replication of the topics this service declares. */
@ConfigurationProperties("fillonce.topics")
record TopicSettings(@DefaultValue("3") int partitions, @DefaultValue("1") int replication) {
}
