package io.fillonce.registry.publishing;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import io.fillonce.contracts.trust.RegistrySignature;
import io.fillonce.registryfeed.RegistryTopic;

/**
 * Sends a document's latest state to fillonce.registry, signed ({@link RegistrySignature}), and, once the broker
 * acknowledged it, marks that revision published. Sends run on one background thread (in call order) so a slow or
 * absent broker never holds up a request; a send that fails leaves the document unpublished for the
 * {@link Republisher} to retry. Meters: {@code fillonce.registry.entries.published{kind}} and
 * {@code fillonce.registry.publish.backlog}.
 */
@Component
public class RegistryPublisher implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(RegistryPublisher.class);

    private final KafkaTemplate<String, String> kafka;
    private final MongoTemplate mongo;
    private final JsonMapper json;
    private final RegistrySignature.Signer signer;
    private final Map<Class<?>, RegistryKind<?>> kinds;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final MeterRegistry meters;
    private final ExecutorService sender = Executors.newSingleThreadExecutor(
            runnable -> new Thread(runnable, "registry-publisher"));

    RegistryPublisher(KafkaTemplate<String, String> kafka, MongoTemplate mongo, JsonMapper json,
            RegistrySignature.Signer signer, List<RegistryKind<?>> kinds, MeterRegistry meters) {
        this.kafka = kafka;
        this.meters = meters;
        Gauge.builder("fillonce.registry.publish.backlog", inFlight, Set::size)
                .description("registry entries queued or on their way to fillonce.registry").register(meters);
        this.mongo = mongo;
        this.json = json;
        this.signer = signer;
        this.kinds = kinds.stream().collect(Collectors.toMap(RegistryKind::documentType, Function.identity()));
    }

    /** Queues the document's current state for sending; a revision already on its way is not queued twice. */
    public void publish(RegistryDocument document) {
        RegistryEntry entry = entryOf(document);
        String collection = mongo.getCollectionName(document.getClass());
        String token = entry.key() + "@" + entry.revision();
        if (inFlight.add(token)) {
            sender.execute(() -> send(entry, collection, token));
        }
    }

    private void send(RegistryEntry entry, String collection, String token) {
        try {
            String value = json.writeValueAsString(entry);
            ProducerRecord<String, String> message = new ProducerRecord<>(RegistryTopic.NAME, entry.key(), value);
            message.headers().add(RegistrySignature.HEADER, signer.sign(entry.key(), value));
            kafka.send(message)
                    .whenComplete((result, failure) -> {
                        inFlight.remove(token);
                        if (failure == null) {
                            markPublished(entry, collection);
                            meters.counter("fillonce.registry.entries.published", "kind", entry.kind()).increment();
                        }
                        else {
                            log.warn("{} revision {} not published yet, will retry: {}", entry.key(),
                                    entry.revision(), failure.getMessage());
                        }
                    });
        }
        catch (RuntimeException e) {
            inFlight.remove(token);
            log.warn("{} revision {} not published yet, will retry: {}", entry.key(), entry.revision(),
                    e.getMessage());
        }
    }

    /** By collection name, so the update neither bumps the optimistic lock nor touches a newer revision. */
    private void markPublished(RegistryEntry entry, String collection) {
        Query sameRevision = Query.query(Criteria.where("_id").is(entry.id()).and("revision").is(entry.revision()));
        mongo.updateFirst(sameRevision, Update.update("published", true), collection);
    }

    @SuppressWarnings("unchecked")
    private <D extends RegistryDocument> RegistryEntry entryOf(D document) {
        RegistryKind<D> kind = (RegistryKind<D>) kinds.get(document.getClass());
        if (kind == null) {
            throw new IllegalArgumentException("no registry kind stores " + document.getClass().getName());
        }
        return new RegistryEntry(kind.kind(), document.getId(), document.getRevision(), document.getUpdatedAt(),
                kind.state(document));
    }

    Iterable<RegistryKind<?>> kinds() {
        return kinds.values();
    }

    @Override
    public void destroy() {
        sender.shutdown();
    }
}
