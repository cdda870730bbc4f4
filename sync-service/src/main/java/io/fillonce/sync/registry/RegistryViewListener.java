package io.fillonce.sync.registry;

import io.fillonce.sync.Topics;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.context.event.EventListener;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.event.ListenerContainerIdleEvent;
import org.springframework.stereotype.Component;

/**
 * Feeds the view from fillonce.registry. Every instance reads everything from the beginning with its own
 * throw-away consumer group, and never commits offsets for it.
 */
@Component
class RegistryViewListener {

    static final String ID = "registry-view";

    private final RegistryView view;
    private final RegistryCatchUp catchUp;

    RegistryViewListener(RegistryView view, RegistryCatchUp catchUp) {
        this.view = view;
        this.catchUp = catchUp;
    }

    @KafkaListener(id = ID, topics = Topics.REGISTRY, containerFactory = "registryViewContainerFactory",
            groupId = "fillonce-sync-view-#{T(java.util.UUID).randomUUID()}",
            properties = {"auto.offset.reset=earliest", "enable.auto.commit=false"})
    void onEntry(ConsumerRecord<String, String> entry, Consumer<?, ?> consumer) {
        view.apply(entry.key(), entry.value());
        catchUp.applied(entry, consumer);
    }

    @EventListener(condition = "#event.listenerId.startsWith('" + ID + "')")
    void onIdle(ListenerContainerIdleEvent event) {
        catchUp.idle(event.getConsumer());
    }
}
