package io.fillonce.sync.registry;

import java.util.Set;

import io.fillonce.sync.mapping.FieldMapping;
import io.fillonce.sync.mapping.Filter;
import tools.jackson.databind.JsonNode;

/**
 * A department's subscription to a record type, as the registry published it. {@code keyInClear}: its department
 * sees entities under their key (registry's {@code "subjects": "CLEAR"}), else under its pseudonyms.
 */
public record Subscription(String id, String department, String recordType, String purpose, String legalBasis,
        FieldMapping fields, Filter filter, Set<String> channels, boolean keyInClear) {

    public Subscription {
        channels = Set.copyOf(channels);
    }

    public boolean sharesBy(String channel) {
        return channels.contains(channel);
    }

    public boolean wants(JsonNode data) {
        return filter.matches(data);
    }
}
