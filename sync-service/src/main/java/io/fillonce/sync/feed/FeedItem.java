package io.fillonce.sync.feed;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fillonce.sync.fanout.DepartmentRecord;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One message of a department's feed: the event id (dedupe key), the entity as the department sees it
 * ({@code entityKey}: the key, or the department's pseudonym of it), the entity version and the mapped data, the
 * subscription and the version of it that built the item;
 * {@code resyncOf} names the canonical event a re-sync delivery re-sends (absent otherwise); {@code event} is
 * {@code fillonce.record.shared}, or {@code fillonce.record.withdrawn} when that version left the subscription's
 * filter, {@code fillonce.record.retracted} when it retracted the entity or {@code fillonce.record.erased} when
 * the entity was erased (then there is no {@code data}), or
 * {@code fillonce.subscription.ended}: the subscription's last item (no entity, no data).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record FeedItem(String id, String event, String type, String entityKey, Long version, String purpose,
        String legalBasis, String subscription, Integer subscriptionVersion, String time, JsonNode data,
        String resyncOf) {

    static FeedItem of(DepartmentRecord message, JsonMapper json) {
        if (message.subscriptionEnded()) {
            return new FeedItem(message.eventId(), message.eventType(), null, null, null, message.purpose(),
                    message.legalBasis(), message.subscription(), message.subscriptionVersion(), message.time(), null,
                    null);
        }
        return new FeedItem(message.eventId(), message.eventType(), message.type(), message.departmentKey(),
                message.version(), message.purpose(), message.legalBasis(), message.subscription(),
                message.subscriptionVersion(), message.time(),
                message.carriesData() || message.testEvent() ? json.readTree(message.payload()) : null,
                message.resyncOf());
    }
}
