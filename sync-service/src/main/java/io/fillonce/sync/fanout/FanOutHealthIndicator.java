package io.fillonce.sync.fanout;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.streams.KafkaStreams;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.stereotype.Component;

/**
 * Part of readiness: the fan-out's Kafka Streams application runs (or is rebalancing its partitions); the same as
 * the gauge {@code fillonce.fanout.running} (1 or 0).
 */
@Component
class FanOutHealthIndicator implements HealthIndicator {

    private final StreamsBuilderFactoryBean fanOut;

    FanOutHealthIndicator(StreamsBuilderFactoryBean fanOut, MeterRegistry meters) {
        this.fanOut = fanOut;
        Gauge.builder("fillonce.fanout.running", this, indicator -> indicator.running() ? 1 : 0)
                .description("1 while this instance's fan-out runs or rebalances").register(meters);
    }

    private boolean running() {
        KafkaStreams streams = fanOut.getKafkaStreams();
        return streams != null && streams.state().isRunningOrRebalancing();
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
