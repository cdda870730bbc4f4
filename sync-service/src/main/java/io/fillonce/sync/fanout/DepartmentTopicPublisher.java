package io.fillonce.sync.fanout;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes department messages as CloudEvents in binary mode (contracts/examples/departments/*.json): the
 * canonical event's id and time unchanged, the subscription's purpose and legal basis as extensions.
 */
@Component
class DepartmentTopicPublisher {

    static final String TYPE = "fillonce.record.shared";
    static final URI SOURCE = URI.create("/fillonce/sync");

    private final KafkaTemplate<String, CloudEvent> kafka;
    private final DepartmentTopics topics;
    private final JsonMapper json;

    DepartmentTopicPublisher(KafkaTemplate<String, CloudEvent> kafka, DepartmentTopics topics, JsonMapper json) {
        this.kafka = kafka;
        this.topics = topics;
        this.json = json;
    }

    /** Sends all deliveries and waits until the broker has acknowledged each of them. */
    void publish(List<DepartmentDelivery> deliveries) {
        CompletableFuture<?>[] sends = deliveries.stream().map(this::send).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(sends).join();
        }
        catch (CompletionException e) {
            throw new DeliveryFailed("a department message was not acknowledged", e.getCause());
        }
    }

    private CompletableFuture<?> send(DepartmentDelivery delivery) {
        topics.ensure(delivery.department());
        return kafka.send(delivery.topic(), delivery.event().subject(), cloudEvent(delivery));
    }

    CloudEvent cloudEvent(DepartmentDelivery delivery) {
        CanonicalEvent event = delivery.event();
        return CloudEventBuilder.v1()
                .withId(event.id())
                .withType(TYPE)
                .withSource(SOURCE)
                .withSubject(event.subject())
                .withTime(event.time())
                .withExtension("entityversion", event.version())
                .withExtension("recordtype", event.type())
                .withExtension("subscription", delivery.subscription().id())
                .withExtension("purpose", delivery.subscription().purpose())
                .withExtension("legalbasis", delivery.subscription().legalBasis())
                .withDataContentType("application/json")
                .withData(json.writeValueAsBytes(delivery.payload()))
                .build();
    }
}
