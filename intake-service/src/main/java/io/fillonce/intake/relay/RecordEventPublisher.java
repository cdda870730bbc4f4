package io.fillonce.intake.relay;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.fillonce.intake.record.OutboxEvent;
import io.fillonce.intake.record.RecordDocument;

import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Sends one pending event to {@code fillonce.records} as a CloudEvent (binary mode: {@code ce_*} headers, the
 * JSON payload as value), keyed by {@code <type>/<entityKey>}, without waiting: the future completes with the
 * broker's acknowledgement, or with why there is none (a send that fails at once, e.g. no metadata within
 * {@code max.block.ms}, is a future already failed).
 */
@Component
class RecordEventPublisher {

    static final String TOPIC = "fillonce.records";

    static final String TYPE = "fillonce.record.upserted";

    static final URI SOURCE = URI.create("/fillonce/intake");

    private final KafkaTemplate<String, CloudEvent> kafka;

    private final KafkaAdmin admin;

    /**
     * Whether no publication failed since the topics were last declared. After a failure they are declared again
     * first: they cannot have been created if Kafka was away when this instance started.
     */
    private volatile boolean topicEnsured;

    RecordEventPublisher(KafkaTemplate<String, CloudEvent> kafka, KafkaAdmin admin) {
        this.kafka = kafka;
        this.admin = admin;
    }

    CompletableFuture<?> send(RecordDocument document, OutboxEvent event) {
        CompletableFuture<?> sent;
        try {
            if (!topicEnsured) {
                admin.initialize();
                topicEnsured = true;
            }
            sent = kafka.send(TOPIC, document.subject(), cloudEvent(document, event));
        }
        catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        sent.whenComplete((acknowledged, failure) -> {
            if (failure != null) {
                topicEnsured = false;
            }
        });
        return sent;
    }

    static CloudEvent cloudEvent(RecordDocument document, OutboxEvent event) {
        return CloudEventBuilder.v1()
                .withId(event.eventId())
                .withType(TYPE)
                .withSource(SOURCE)
                .withSubject(document.subject())
                .withTime(event.time().atOffset(ZoneOffset.UTC))
                .withExtension("entityversion", String.valueOf(event.version()))
                .withExtension("recordtype", document.getType())
                .withDataContentType(MediaType.APPLICATION_JSON_VALUE)
                .withData(event.payload().getBytes(StandardCharsets.UTF_8))
                .build();
    }
}
