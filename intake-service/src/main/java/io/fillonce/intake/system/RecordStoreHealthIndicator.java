package io.fillonce.intake.system;

import org.bson.Document;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.dao.DataAccessException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Health contributor {@code recordStore}: MongoDB answers {@code ping}. Replaces Boot's MongoDB indicator, whose
 * {@code hello} command the MongoDB wire server of the local stack does not know. Not part of readiness: while
 * MongoDB is away, submissions answer 503 problems and the relay waits.
 */
@Component("recordStore")
class RecordStoreHealthIndicator implements HealthIndicator {

    private final MongoTemplate mongo;

    RecordStoreHealthIndicator(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public Health health() {
        try {
            mongo.executeCommand(new Document("ping", 1));
            return Health.up().withDetail("database", mongo.getDb().getName()).build();
        }
        catch (DataAccessException e) {
            return Health.down(e).build();
        }
    }
}
