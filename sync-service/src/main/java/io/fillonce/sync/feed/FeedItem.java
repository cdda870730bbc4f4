package io.fillonce.sync.feed;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.JsonNode;

/**
 * One message of a department's feed: the event id (dedupe key), the entity version and the mapped data;
 * {@code resyncOf} names the canonical event a re-sync delivery re-sends (absent otherwise).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record FeedItem(String id, String type, String entityKey, long version, String purpose, String legalBasis,
        String subscription, String time, JsonNode data, String resyncOf) {
}
