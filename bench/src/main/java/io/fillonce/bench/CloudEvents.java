package io.fillonce.bench;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.message.Encoding;
import io.cloudevents.kafka.CloudEventSerializer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;

/** The event intake publishes for an outbox entry, and the producer settings intake publishes it with. */
final class CloudEvents {

    private CloudEvents() {
    }

    /** As intake's {@code RecordEventPublisher} builds it (docs/conventions.md, fillonce.records). */
    static CloudEvent of(Outbox.PendingEvent event) {
        return CloudEventBuilder.v1().withId(event.eventId()).withType("fillonce.record.upserted")
                .withSource(URI.create("/fillonce/intake")).withSubject(event.subject())
                .withTime(event.time().atOffset(ZoneOffset.UTC))
                .withExtension("entityversion", String.valueOf(event.version()))
                .withExtension("recordtype", event.type()).withDataContentType("application/json")
                .withData(event.payload().getBytes(StandardCharsets.UTF_8)).build();
    }

    /** intake's relay producer: idempotent, acks=all, binary CloudEvents, room for 2 MiB events. */
    static Map<String, Object> producerSettings(String bootstrapServers) {
        Map<String, Object> settings = new HashMap<>();
        settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        settings.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        settings.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, CloudEventSerializer.class);
        settings.put(CloudEventSerializer.ENCODING_CONFIG, Encoding.BINARY.name());
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        settings.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2 * 1024 * 1024);
        return settings;
    }
}
