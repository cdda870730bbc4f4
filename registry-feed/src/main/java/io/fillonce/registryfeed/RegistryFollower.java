package io.fillonce.registryfeed;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationListener;
import org.springframework.kafka.event.ListenerContainerIdleEvent;
import org.springframework.kafka.listener.BatchConsumerAwareMessageListener;

import io.fillonce.contracts.trust.RegistryGate;
import io.fillonce.contracts.trust.RegistrySignature;
import io.fillonce.telemetry.ViewAge;

/**
 * The one reader of the registry topic in a service: hands every entry registry-service signed
 * ({@link RegistrySignature}, through the {@link RegistryGate}, which also refuses an older revision written again)
 * to the handlers of its kind, and ignores the others with an error. After every batch, and whenever the consumer
 * idles (an empty topic, or a compacted tail, only shows that way), it records the consumer's positions: the views
 * have then applied everything before them. The views have caught up once those positions reach, on every partition,
 * the end offsets read at the first assignment; {@link RegistryCaughtUp} is published then, once. Only ever called on
 * the container's consumer thread.
 */
final class RegistryFollower implements BatchConsumerAwareMessageListener<String, String>,
        ApplicationListener<ListenerContainerIdleEvent> {

    static final String CONTAINER = "registryFeedContainer";

    private static final Logger log = LoggerFactory.getLogger(RegistryFollower.class);

    private final Map<EntryKind, List<RegistryEntryHandler>> handlers = new EnumMap<>(EntryKind.class);
    private final RegistryGate gate;
    private final RegistryPosition position;
    private final ApplicationEventPublisher events;
    private final ViewAge age;
    private Map<TopicPartition, Long> startEnds;

    RegistryFollower(List<RegistryEntryHandler> handlers, RegistryGate gate, RegistryPosition position,
            ApplicationEventPublisher events, ViewAge age) {
        for (EntryKind kind : EntryKind.values()) {
            this.handlers.put(kind, handlers.stream().filter(handler -> handler.kinds().contains(kind)).toList());
        }
        this.gate = gate;
        this.position = position;
        this.events = events;
        this.age = age;
    }

    @Override
    public void onMessage(List<ConsumerRecord<String, String>> records, Consumer<?, ?> consumer) {
        records.forEach(this::apply);
        lookAt(consumer);
    }

    @Override
    public void onApplicationEvent(ListenerContainerIdleEvent event) {
        if (CONTAINER.equals(event.getListenerId()) && event.getConsumer() != null) {
            lookAt(event.getConsumer());
        }
    }

    ViewAge age() {
        return age;
    }

    private void apply(ConsumerRecord<String, String> record) {
        Header signature = record.headers().lastHeader(RegistrySignature.HEADER);
        String forged = gate.problemWith(record.key(), record.value(), signature == null ? null : signature.value());
        if (forged != null) {
            log.error("Ignoring registry entry {} at {}-{}@{}: {}; only registry-service writes {}", record.key(),
                    record.topic(), record.partition(), record.offset(), forged, RegistryTopic.NAME);
            return;
        }
        RegistryEntry.read(record.key(), record.value()).ifPresent(entry -> {
            for (RegistryEntryHandler handler : handlers.get(entry.kind())) {
                try {
                    handler.apply(entry);
                }
                catch (RuntimeException e) {
                    log.error("Registry entry {} at {}-{}@{} could not be applied; the view goes on without it",
                            entry.key(), record.topic(), record.partition(), record.offset(), e);
                }
            }
        });
    }

    /** Everything the consumer fetched has been applied: its positions count, past compacted offsets and markers. */
    private void lookAt(Consumer<?, ?> consumer) {
        Set<TopicPartition> assignment = consumer.assignment();
        assignment.forEach(partition -> position.advance(partition.partition(), consumer.position(partition)));
        if (!position.isCaughtUp() && !assignment.isEmpty()) {
            checkCaughtUp(consumer, assignment);
        }
        age.look(consumer);
    }

    private void checkCaughtUp(Consumer<?, ?> consumer, Set<TopicPartition> assignment) {
        if (startEnds == null) {
            startEnds = Map.copyOf(consumer.endOffsets(assignment));
            log.info("Registry view catching up with {} up to {}", RegistryTopic.NAME, startEnds);
        }
        boolean reached = startEnds.entrySet().stream()
                .allMatch(end -> position.reached(end.getKey().partition()) >= end.getValue());
        if (reached) {
            position.markCaughtUp();
            log.info("Registry view caught up with {} up to {}", RegistryTopic.NAME, startEnds);
            events.publishEvent(new RegistryCaughtUp());
        }
    }
}
