package io.fillonce.sync.fanout;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.fillonce.sync.Topics;
import io.fillonce.sync.delivery.Channel;
import io.fillonce.sync.delivery.Delivery;
import io.fillonce.sync.delivery.DeliveryAttemptFailed;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * The topic channel: publishes department messages as CloudEvents in binary mode
 * (contracts/examples/departments/*.json) to {@code fillonce.dept.<code>}, the canonical event's id and time
 * unchanged, the subscription's purpose and legal basis as extensions, and waits for the broker's acknowledgement.
 * A message Kafka does not take is never dead-lettered: it waits and is tried again. A re-sync delivery has its own
 * id and names the canonical event it re-sends in the {@code resyncof} extension.
 */
@Component
class DepartmentTopicPublisher implements Channel {

    static final String TYPE = "fillonce.record.shared";
    static final URI SOURCE = URI.create("/fillonce/sync");
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration PAUSE = Duration.ofSeconds(2);

    private final KafkaTemplate<String, CloudEvent> kafka;
    private final DepartmentTopics topics;

    DepartmentTopicPublisher(KafkaTemplate<String, CloudEvent> kafka, DepartmentTopics topics) {
        this.kafka = kafka;
        this.topics = topics;
    }

    @Override
    public String name() {
        return "topic";
    }

    @Override
    public Long send(Delivery delivery) {
        topics.ensure(delivery.department());
        try {
            kafka.send(Topics.department(delivery.department()), delivery.subject(), cloudEvent(delivery))
                    .get(ACK_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            return null;
        }
        catch (ExecutionException e) {
            throw DeliveryAttemptFailed.retryable("Kafka did not take the message: " + e.getCause());
        }
        catch (TimeoutException e) {
            throw DeliveryAttemptFailed.retryable("Kafka did not acknowledge the message in " + ACK_TIMEOUT);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw DeliveryAttemptFailed.retryable("interrupted while sending");
        }
    }

    @Override
    public boolean deadLetters() {
        return false;
    }

    @Override
    public Duration pause() {
        return PAUSE;
    }

    CloudEvent cloudEvent(Delivery delivery) {
        CloudEventBuilder event = CloudEventBuilder.v1()
                .withId(delivery.eventId())
                .withType(TYPE)
                .withSource(SOURCE)
                .withSubject(delivery.subject())
                .withTime(OffsetDateTime.parse(delivery.time()))
                .withExtension("entityversion", delivery.version())
                .withExtension("recordtype", delivery.type())
                .withExtension("subscription", delivery.subscription())
                .withExtension("purpose", delivery.purpose())
                .withExtension("legalbasis", delivery.legalBasis())
                .withDataContentType("application/json")
                .withData(delivery.payload().getBytes(StandardCharsets.UTF_8));
        if (delivery.resyncOf() != null) {
            event.withExtension("resyncof", delivery.resyncOf());
        }
        return event.build();
    }
}
