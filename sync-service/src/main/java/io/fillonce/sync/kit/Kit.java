package io.fillonce.sync.kit;

import java.util.List;
import java.util.Map;
import java.util.SortedSet;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.JsonNode;

/**
 * A department's onboarding kit ({@code GET /api/kit/{department}}): its subscriptions, each with the JSON Schema of
 * exactly the payload it delivers and an example message, and how to connect to each of its channels.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Kit(String department, String name, List<Entry> subscriptions, Connect connect) {

    /**
     * One subscription. {@code sampleRecord}: the made-up record (no person's data) its {@code example} was mapped
     * from; {@code exampleProblem}: why there is no example (the sample cannot be mapped, say a code table is not
     * registered yet).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Entry(String id, int version, String recordType, String purpose, String legalBasis,
            SortedSet<String> channels, String status, JsonNode payloadSchema, JsonNode sampleRecord,
            Message example, String exampleProblem) {
    }

    /**
     * A message as the department gets it on its topic: a CloudEvent in Kafka's binary mode, the context in
     * {@code ce_*} headers, the payload the value (the webhook posts the same value, the feed serves it as
     * {@code data}).
     */
    record Message(String topic, String key, Map<String, String> headers, JsonNode value) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Connect(Kafka kafka, Feed feed, Webhook webhook) {
    }

    /**
     * The department's Kafka access: its own SCRAM user (registry-service issues username and password when the
     * department is registered, and rotates them), its topic, consumer groups under its prefix only, committed
     * messages only.
     */
    record Kafka(String bootstrapServers, String securityProtocol, String saslMechanism, String topic,
            String groupPrefix, String isolationLevel, String credentials) {
    }

    /** The pull channel: {@code GET url} with the department's API key; {@code after} pages on. */
    record Feed(String url, String authorization, String paging) {
    }

    /** The push channel: Standard Webhooks posts to {@code url}, signed with the department's secret(s). */
    record Webhook(String url, boolean active, String signatures, List<String> headers) {
    }
}
