package io.fillonce.registry.subscription;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code ended-read-grace}: how long a department may still read its topic after its last topic subscription ended. */
@ConfigurationProperties("fillonce.kafka.access")
record TopicReadSettings(@DefaultValue("24h") Duration endedReadGrace) {
}
