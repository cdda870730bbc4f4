package io.fillonce.intake.relay;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.fillonce.intake.IntakeProperties;
import io.fillonce.intake.record.OutboxEvent;
import io.fillonce.intake.record.RecordDocument;

import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes one pending event to {@code fillonce.records} as a CloudEvent (binary mode: {@code ce_*} headers, the
 * JSON payload as value), keyed by {@code <type>/<entityKey>}, and waits until the broker has acknowledged it.
 */
@Component
class RecordEventPublisher {

    static final String TOPIC = "fillonce.records";

    static final String TYPE = "fillonce.record.upserted";

    static final URI SOURCE = URI.create("/fillonce/intake");

    private final KafkaTemplate<String, CloudEvent> kafka;

    private final KafkaAdmin admin;

    private final Duration sendTimeout;

    /**
     * Whether the last publication succeeded. After a failure the declared topics are created again first: they
     * cannot have been created if Kafka was away when this instance started.
     */
    private volatile boolean topicEnsured;

    RecordEventPublisher(KafkaTemplate<String, CloudEvent> kafka, KafkaAdmin admin, IntakeProperties properties) {
        this.kafka = kafka;
        this.admin = admin;
        this.sendTimeout = properties.relay().sendTimeout();
    }

    void publish(RecordDocument document, OutboxEvent event)
            throws InterruptedException, ExecutionException, TimeoutException {
        if (!topicEnsured) {
            admin.initialize();
        }
        topicEnsured = false;
        kafka.send(TOPIC, document.subject(), cloudEvent(document, event))
                .get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
        topicEnsured = true;
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
