package io.fillonce.intake.relay;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.fillonce.intake.record.OutboxEvent;
import io.fillonce.intake.record.RecordDocument;
import io.fillonce.telemetry.Traces;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TimeoutException;

import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Sends one pending event to {@code fillonce.records} as a CloudEvent (binary mode: {@code ce_*} headers, the
 * JSON payload as value), keyed by {@code <type>/<entityKey>}, without waiting: the future completes with the
 * broker's acknowledgement, or with why there is none (a send that fails at once, e.g. no metadata within
 * {@code max.block.ms}, is a future already failed). Once a send failed because Kafka seems away, sends fail at
 * once for {@link #AWAY_PAUSE} instead of each waiting {@code max.block.ms} in turn; the relay retries later.
 * An event accepted in a trace carries the CloudEvents distributed tracing extension {@code traceparent}
 * ({@code ce_traceparent}); each acknowledged one counts in {@code fillonce.events.published{type}}.
 */
@Component
class RecordEventPublisher {

    static final String TOPIC = "fillonce.records";

    static final String TYPE = "fillonce.record.upserted";

    static final URI SOURCE = URI.create("/fillonce/intake");

    static final Duration AWAY_PAUSE = Duration.ofSeconds(1);

    static final String PUBLISHED = "fillonce.events.published";

    private final KafkaTemplate<String, CloudEvent> kafka;

    private final KafkaAdmin admin;

    private final MeterRegistry meters;

    /**
     * Whether no publication failed since the topics were last declared. After a failure they are declared again
     * first: they cannot have been created if Kafka was away when this instance started.
     */
    private volatile boolean topicEnsured;

    /** {@link System#nanoTime()} until which Kafka is taken to be away. */
    private volatile long awayUntil = System.nanoTime();

    RecordEventPublisher(KafkaTemplate<String, CloudEvent> kafka, KafkaAdmin admin, MeterRegistry meters) {
        this.kafka = kafka;
        this.admin = admin;
        this.meters = meters;
    }

    CompletableFuture<?> send(RecordDocument document, OutboxEvent event) {
        if (awayUntil - System.nanoTime() > 0) {
            return CompletableFuture.failedFuture(new KafkaAway());
        }
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
            if (failure == null) {
                Counter.builder(PUBLISHED).description("Record events acknowledged by Kafka")
                        .tag("type", document.getType()).register(meters).increment();
            }
            else {
                topicEnsured = false;
                if (away(failure)) {
                    awayUntil = System.nanoTime() + AWAY_PAUSE.toNanos();
                }
            }
        });
        return sent;
    }

    /** Whether a send failed because Kafka did not answer (rather than because it refused the event). */
    static boolean away(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause instanceof KafkaAway || cause instanceof TimeoutException || cause instanceof RetriableException
                || cause instanceof java.util.concurrent.TimeoutException;
    }

    /** A send not attempted: Kafka was found away a moment ago. */
    static final class KafkaAway extends RuntimeException {

        KafkaAway() {
            super("Kafka was away a moment ago; not sent, the relay retries");
        }
    }

    static CloudEvent cloudEvent(RecordDocument document, OutboxEvent event) {
        CloudEventBuilder builder = CloudEventBuilder.v1();
        if (event.traceparent() != null) {
            builder.withExtension(Traces.TRACEPARENT, event.traceparent());
        }
        return builder
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
