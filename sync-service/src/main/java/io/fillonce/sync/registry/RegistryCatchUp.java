package io.fillonce.sync.registry;

import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Tells when the view has applied everything fillonce.registry held at start-up: the end offsets are taken once,
 * from the first assignment, and the view has caught up when every partition's applied offset reaches them.
 * Offsets advance (in {@link RegistryPosition}) per applied record, and to the consumer's position when the
 * consumer idles (all fetched records delivered), which covers compacted-away offsets and transaction markers.
 * Only ever called on the registry consumer's thread.
 */
@Component
class RegistryCatchUp {

    private static final Logger log = LoggerFactory.getLogger(RegistryCatchUp.class);

    private final ApplicationEventPublisher events;
    private final RegistryPosition position;
    private Map<TopicPartition, Long> targets;
    private volatile boolean caughtUp;

    RegistryCatchUp(ApplicationEventPublisher events, RegistryPosition position) {
        this.events = events;
        this.position = position;
    }

    boolean isCaughtUp() {
        return caughtUp;
    }

    void applied(ConsumerRecord<?, ?> record, Consumer<?, ?> consumer) {
        position.advance(record.partition(), record.offset() + 1);
        check(consumer);
    }

    /** The consumer delivered everything it fetched: its positions (past compacted offsets and markers) count. */
    void idle(Consumer<?, ?> consumer) {
        consumer.assignment().forEach(partition -> position.advance(partition.partition(), consumer.position(partition)));
        check(consumer);
    }

    private void check(Consumer<?, ?> consumer) {
        if (caughtUp) {
            return;
        }
        if (targets == null) {
            Set<TopicPartition> assigned = consumer.assignment();
            if (assigned.isEmpty()) {
                return;
            }
            targets = Map.copyOf(consumer.endOffsets(assigned));
            log.info("Registry view catching up with end offsets {}", targets);
        }
        if (targets.entrySet().stream().allMatch(end -> position.reached(end.getKey().partition()) >= end.getValue())) {
            caughtUp = true;
            log.info("Registry view caught up: {}", targets);
            events.publishEvent(new RegistryCaughtUp());
        }
    }
}
