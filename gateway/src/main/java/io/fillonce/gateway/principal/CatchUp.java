package io.fillonce.gateway.principal;

import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Whether the principal view has read everything that was on the registry topic when the consumer first got
 * its partitions. Until then the gateway reports not ready (it would reject keys it does not know yet); once
 * caught up it stays ready, because the view keeps working while Kafka or the registry are away.
 * Only ever called from the consumer thread; read by the health endpoint.
 */
@Component("registryView")
class CatchUp implements HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(CatchUp.class);

    private final PrincipalView view;
    private Map<TopicPartition, Long> startEndOffsets;
    private volatile boolean caughtUp;

    CatchUp(PrincipalView view) {
        this.view = view;
    }

    /** Compares the consumer's positions with the end offsets seen when it was first assigned partitions. */
    void check(Consumer<?, ?> consumer) {
        if (caughtUp) {
            return;
        }
        Set<TopicPartition> assignment = consumer.assignment();
        if (assignment.isEmpty()) {
            return;
        }
        if (startEndOffsets == null) {
            startEndOffsets = Map.copyOf(consumer.endOffsets(assignment));
        }
        boolean done = startEndOffsets.entrySet().stream()
                .allMatch(end -> end.getValue() == 0 || (assignment.contains(end.getKey())
                        && consumer.position(end.getKey()) >= end.getValue()));
        if (done) {
            caughtUp = true;
            log.info("Principal view caught up with the registry topic ({} active keys)", view.size());
        }
    }

    boolean caughtUp() {
        return caughtUp;
    }

    @Override
    public Health health() {
        Health.Builder health = caughtUp ? Health.up() : Health.outOfService();
        return health.withDetail("activeKeys", view.size()).build();
    }
}
