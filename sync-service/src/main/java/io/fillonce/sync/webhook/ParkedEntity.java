package io.fillonce.sync.webhook;

import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * An entity whose webhook deliveries to one department wait behind a dead letter: the later versions that arrived
 * meanwhile ({@code held}, in order) are kept here, so the department's worker can commit its offsets and go on with
 * other entities. Id {@code <department>|<subject>}. Only parked entities live in this collection.
 */
@Document("parked_entities")
public record ParkedEntity(@Id String id, String department, String subject, String deadLetter,
        List<WebhookMessage> held, Instant since) {

    public ParkedEntity {
        held = List.copyOf(held);
    }

    public static String id(String department, String subject) {
        return department + "|" + subject;
    }
}
