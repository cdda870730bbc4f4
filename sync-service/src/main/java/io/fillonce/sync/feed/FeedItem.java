package io.fillonce.sync.feed;

import tools.jackson.databind.JsonNode;

/** One delivery in a department's feed: the event id (dedupe key), the entity version and the mapped data. */
record FeedItem(String id, String type, String entityKey, long version, String purpose, String legalBasis,
        String subscription, String time, JsonNode data) {
}
