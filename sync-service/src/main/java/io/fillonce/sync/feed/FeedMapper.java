package io.fillonce.sync.feed;

import io.fillonce.sync.delivery.Delivery;
import org.mapstruct.Mapper;
import org.mapstruct.Mapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;

/** Ledger entries to feed items; the stored payload is the department's mapped JSON. */
@Mapper(componentModel = "spring")
abstract class FeedMapper {

    @Autowired
    private JsonMapper json;

    @Mapping(target = "id", source = "eventId")
    @Mapping(target = "data", source = "payload")
    abstract FeedItem item(Delivery delivery);

    JsonNode data(String payload) {
        return json.readTree(payload);
    }
}
