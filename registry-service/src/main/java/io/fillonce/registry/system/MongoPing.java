package io.fillonce.registry.system;

import org.bson.Document;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * MongoDB health by {@code ping}, which real MongoDB and the embedded Mongo-wire server both answer (Boot's own
 * indicator sends {@code hello}, which the embedded server lacks, so it is switched off in application.yml).
 */
@Component
class MongoPing implements HealthIndicator {

    private final MongoTemplate mongo;

    MongoPing(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public Health health() {
        Document answer = mongo.executeCommand(new Document("ping", 1));
        return Health.up().withDetail("database", mongo.getDb().getName()).withDetail("ok", answer.get("ok")).build();
    }
}
