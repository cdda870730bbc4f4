package io.fillonce.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import io.cloudevents.CloudEvent;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * The baseline: a plain {@link KafkaProducer} with the relay's settings sending the same events, each entity's in
 * version order, as fast as it can (all sends in flight, one wait for all acknowledgements at the end). No relay can
 * beat it: it reads nothing from MongoDB and writes nothing back.
 */
final class Ceiling implements Runnable {

    private final String bootstrapServers;

    private final String topic;

    private final List<Outbox.PendingEvent> events;

    Ceiling(String bootstrapServers, String topic, List<Outbox.PendingEvent> events) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.events = events;
    }

    @Override
    public void run() {
        try (KafkaProducer<String, CloudEvent> producer = new KafkaProducer<>(
                CloudEvents.producerSettings(bootstrapServers))) {
            List<Future<RecordMetadata>> acks = new ArrayList<>(events.size());
            for (Outbox.PendingEvent event : events) {
                acks.add(producer.send(new ProducerRecord<>(topic, event.subject(), CloudEvents.of(event))));
            }
            for (Future<RecordMetadata> ack : acks) {
                ack.get();
            }
        }
        catch (ExecutionException e) {
            throw new IllegalStateException("the ceiling's producer failed", e.getCause());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
