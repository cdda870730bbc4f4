package io.fillonce.sync.fanout;

import org.apache.kafka.streams.KafkaStreams;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.stereotype.Component;

/** Part of readiness: the fan-out's Kafka Streams application runs (or is rebalancing its partitions). */
@Component
class FanOutHealthIndicator implements HealthIndicator {

    private final StreamsBuilderFactoryBean fanOut;

    FanOutHealthIndicator(StreamsBuilderFactoryBean fanOut) {
        this.fanOut = fanOut;
    }

    @Override
    public Health health() {
        KafkaStreams streams = fanOut.getKafkaStreams();
        if (streams == null) {
            return Health.outOfService().withDetail("state", "not started").build();
        }
        KafkaStreams.State state = streams.state();
        Health.Builder health = state.isRunningOrRebalancing() ? Health.up() : Health.down();
        return health.withDetail("state", state.name()).build();
    }
}
