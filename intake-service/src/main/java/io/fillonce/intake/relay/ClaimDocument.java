package io.fillonce.intake.relay;

import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A claim: written before a submission or a bulk chunk writes its record documents, deleted once every event
 * written under it is acknowledged by Kafka. The collection holds only pending work, so reading all of it costs what
 * is pending, never what is stored.
 *
 * @param subjects the entities ({@code <type>/<entityKey>}) the writes under this claim touch
 * @param versions how many versions those writes add (the backlog gauge sums them)
 * @param owner the instance that publishes the claim's events (see {@link RelayInstance})
 */
@Document(ClaimDocument.COLLECTION)
record ClaimDocument(@Id String id, String owner, List<String> subjects, int versions, Instant createdAt) {

    static final String COLLECTION = "relay_claims";
}
