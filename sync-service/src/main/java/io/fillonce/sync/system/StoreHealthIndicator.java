package io.fillonce.sync.system;

import org.bson.Document;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/** Part of readiness: sync's MongoDB (audit log, jobs, dead letters) answers a ping. */
@Component
class StoreHealthIndicator implements HealthIndicator {

    private final MongoTemplate mongo;

    StoreHealthIndicator(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public Health health() {
        try {
            mongo.executeCommand(new Document("ping", 1));
            return Health.up().build();
        }
        catch (RuntimeException e) {
            return Health.down().withDetail("error", e.getMessage()).build();
        }
    }
}
