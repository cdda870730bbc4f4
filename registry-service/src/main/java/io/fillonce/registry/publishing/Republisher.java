package io.fillonce.registry.publishing;

import java.util.stream.Stream;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Closes the gap between a Mongo write and the broker's acknowledgement: every couple of seconds it sends what
 * is still unpublished (a failed send, or a crash right after the write), and once at start-up it sends
 * everything, which compaction makes harmless.
 */
@Component
class Republisher {

    private static final int BATCH = 200;

    private final RegistryPublisher publisher;
    private final MongoTemplate mongo;

    Republisher(RegistryPublisher publisher, MongoTemplate mongo) {
        this.publisher = publisher;
        this.mongo = mongo;
    }

    @Scheduled(fixedDelayString = "${fillonce.registry.republish-every}",
            initialDelayString = "${fillonce.registry.republish-every}")
    void publishUnpublished() {
        Query unpublished = Query.query(Criteria.where("published").is(false)).limit(BATCH);
        for (RegistryKind<?> kind : publisher.kinds()) {
            mongo.find(unpublished, kind.documentType()).forEach(publisher::publish);
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    void publishEverything() {
        for (RegistryKind<?> kind : publisher.kinds()) {
            try (Stream<? extends RegistryDocument> all = mongo.stream(new Query(), kind.documentType())) {
                all.forEach(publisher::publish);
            }
        }
    }
}
