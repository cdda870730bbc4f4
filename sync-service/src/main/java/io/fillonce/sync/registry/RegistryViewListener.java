package io.fillonce.sync.registry;

import io.fillonce.contracts.trust.RegistryGate;
import io.fillonce.contracts.trust.RegistrySignature;
import io.fillonce.sync.Topics;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.event.ListenerContainerIdleEvent;
import org.springframework.stereotype.Component;

/**
 * Feeds the view from fillonce.registry. Every instance reads everything from the beginning with its own
 * throw-away consumer group, and never commits offsets for it. Entries without registry-service's signature
 * ({@link RegistrySignature}) are ignored and logged as errors.
 */
@Component
class RegistryViewListener {

    static final String ID = "registry-view";

    private static final Logger log = LoggerFactory.getLogger(RegistryViewListener.class);

    private final RegistryView view;
    private final RegistryCatchUp catchUp;
    private final RegistryGate gate;

    RegistryViewListener(RegistryView view, RegistryCatchUp catchUp, RegistrySignature.Verifier signatures) {
        this.view = view;
        this.catchUp = catchUp;
        this.gate = new RegistryGate(signatures);
    }

    @KafkaListener(id = ID, topics = Topics.REGISTRY, containerFactory = "registryViewContainerFactory",
            groupId = "fillonce-sync-view-#{T(java.util.UUID).randomUUID()}",
            properties = {"auto.offset.reset=earliest", "enable.auto.commit=false"})
    void onEntry(ConsumerRecord<String, String> entry, Consumer<?, ?> consumer) {
        Header signature = entry.headers().lastHeader(RegistrySignature.HEADER);
        String forged = gate.problemWith(entry.key(), entry.value(),
                signature == null ? null : signature.value());
        if (forged == null) {
            view.apply(entry.key(), entry.value());
        }
        else {
            log.error("Ignoring registry entry {} at {}-{}@{}: {}; only registry-service writes {}", entry.key(),
                    entry.topic(), entry.partition(), entry.offset(), forged, Topics.REGISTRY);
        }
        catchUp.applied(entry, consumer);
    }

    @EventListener(condition = "#event.listenerId.startsWith('" + ID + "')")
    void onIdle(ListenerContainerIdleEvent event) {
        catchUp.idle(event.getConsumer());
    }
}
