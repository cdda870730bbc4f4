package io.fillonce.sync.kit;

import java.net.URI;
import java.util.List;
import java.util.Map;

import io.fillonce.telemetry.Traces;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * An AsyncAPI 3.0 document of one department's own channels, from its {@link Kit}: its Kafka topic (SASL/SCRAM, the
 * CloudEvents {@code ce_*} headers), its pull feed (HTTP through the gateway) and, when it has one, its webhook
 * (Standard Webhooks headers); one message per subscription whose payload is that subscription's payload schema
 * (without its {@code $schema}: AsyncAPI's default schema format is a superset of JSON Schema draft 07, which
 * every keyword the schemas use belongs to).
 */
final class AsyncApiDocuments {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final YAMLMapper YAML = YAMLMapper.builder().build();
    private static final List<String> CE_HEADERS = List.of("ce_specversion", "ce_id", "ce_type", "ce_source",
            "ce_subject", "ce_time", "ce_entityversion", "ce_recordtype", "ce_subscription", "ce_subscriptionversion",
            "ce_purpose", "ce_legalbasis");

    private AsyncApiDocuments() {
    }

    static String yaml(Kit kit) {
        return YAML.writeValueAsString(document(kit));
    }

    static ObjectNode document(Kit kit) {
        ObjectNode document = NODES.objectNode();
        document.put("asyncapi", "3.0.0");
        ObjectNode info = document.putObject("info");
        info.put("title", "Fill Once: what " + kit.name() + " (" + kit.department() + ") receives");
        info.put("version", version(kit));
        info.put("description", "The channels of department " + kit.department() + ": its Kafka topic, its pull "
                + "feed" + (kit.connect().webhook() == null ? "" : " and its webhook") + ". Every message is one "
                + "entity version mapped by one subscription: only the fields the subscription maps, in the "
                + "department's names (the payload schemas say exactly which). Deduplicate on the event id "
                + "(ce_id, the feed item's id, webhook-id) and keep the highest entity version.");
        document.put("defaultContentType", "application/json");
        servers(document.putObject("servers"), kit);
        ObjectNode channels = document.putObject("channels");
        ObjectNode operations = document.putObject("operations");
        ObjectNode components = document.putObject("components");
        ObjectNode schemas = components.putObject("schemas");
        ObjectNode messages = components.putObject("messages");
        securitySchemes(components.putObject("securitySchemes"));
        schemas.set("topicHeaders", topicHeaders());

        ObjectNode topic = channel(channels, "topic", kit.connect().kafka().topic(), "kafka",
                "The department's own topic; written in Kafka transactions: read with isolation.level="
                        + "read_committed, in consumer groups named " + kit.connect().kafka().groupPrefix() + "*.");
        ObjectNode feed = channel(channels, "feed", "/feeds/" + kit.department(), "gateway",
                "GET with the department's API key; answers {items, next}; ask again with ?after=<next>.");
        ObjectNode webhook = kit.connect().webhook() == null ? null : channel(channels, "webhook",
                webhookPath(kit.connect().webhook()), "webhook",
                "Posts signed per Standard Webhooks; answer 2xx once stored. While the endpoint gives no answer "
                        + "or answers 429, 502, 503 or 504, deliveries wait and resume in order once it answers; any "
                        + "other answer is retried a few times, then set aside for an operator (410 stops them).");
        ArrayNode feedItems = NODES.arrayNode();
        for (Kit.Entry entry : kit.subscriptions()) {
            String name = componentName(entry.id());
            ObjectNode payload = (ObjectNode) entry.payloadSchema().deepCopy();
            payload.remove("$schema");
            schemas.set(name, payload);
            feedItems.add(ref("#/components/schemas/" + name));
            messages.set(name, message(entry, name, ref("#/components/schemas/topicHeaders"),
                    entry.example() == null ? null : entry.example().headers()));
            topic.withObjectProperty("messages").set(name, ref("#/components/messages/" + name));
            if (webhook != null && entry.channels().contains("webhook")) {
                messages.set(name + ".webhook", message(entry, name, webhookHeaders(), null));
                webhook.withObjectProperty("messages").set(name, ref("#/components/messages/" + name + ".webhook"));
            }
        }
        messages.set("feedPage", feedPage(feedItems));
        feed.withObjectProperty("messages").set("feedPage", ref("#/components/messages/feedPage"));
        operation(operations, "receiveFromTopic", "topic", topic);
        operation(operations, "readFeed", "feed", feed);
        if (webhook != null) {
            operation(operations, "receiveWebhook", "webhook", webhook);
        }
        return document;
    }

    /** Changes whenever a subscription's version does: {@code 1.<sum of versions>.<subscriptions>}. */
    private static String version(Kit kit) {
        int versions = kit.subscriptions().stream().mapToInt(Kit.Entry::version).sum();
        return "1." + versions + "." + kit.subscriptions().size();
    }

    private static void servers(ObjectNode servers, Kit kit) {
        Kit.Kafka kafka = kit.connect().kafka();
        ObjectNode broker = servers.putObject("kafka");
        broker.put("host", kafka.bootstrapServers().split(",")[0].strip());
        broker.put("protocol", "kafka");
        broker.put("description", "Bootstrap servers " + kafka.bootstrapServers() + ", " + kafka.securityProtocol()
                + " with SASL " + kafka.saslMechanism() + " as the department's own Kafka user.");
        broker.putArray("security").add(ref("#/components/securitySchemes/scram"));
        URI feed = URI.create(kit.connect().feed().url());
        ObjectNode gateway = servers.putObject("gateway");
        gateway.put("host", feed.getAuthority());
        gateway.put("protocol", feed.getScheme());
        gateway.put("pathname", "/api");
        gateway.put("description", "Fill Once's gateway, the one front door of its HTTP API.");
        gateway.putArray("security").add(ref("#/components/securitySchemes/apiKey"));
        if (kit.connect().webhook() != null) {
            URI url = URI.create(kit.connect().webhook().url());
            ObjectNode endpoint = servers.putObject("webhook");
            endpoint.put("host", url.getAuthority());
            endpoint.put("protocol", url.getScheme());
            endpoint.put("description", "The department's own endpoint, registered with the department; Fill Once "
                    + "posts to it.");
        }
    }

    private static void securitySchemes(ObjectNode schemes) {
        ObjectNode scram = schemes.putObject("scram");
        scram.put("type", "scramSha512");
        scram.put("description", "The department's own Kafka user (registry-service issues it when the department "
                + "is registered): it may read its topic and use consumer groups under its prefix, nothing else.");
        ObjectNode key = schemes.putObject("apiKey");
        key.put("type", "httpApiKey");
        key.put("name", "Authorization");
        key.put("in", "header");
        key.put("description", "Bearer <the department's API key>");
    }

    private static ObjectNode channel(ObjectNode channels, String id, String address, String server,
            String description) {
        ObjectNode channel = channels.putObject(id);
        channel.put("address", address);
        channel.put("description", description);
        channel.putArray("servers").add(ref("#/servers/" + server));
        channel.putObject("messages");
        return channel;
    }

    private static void operation(ObjectNode operations, String id, String channelId, ObjectNode channel) {
        ObjectNode operation = operations.putObject(id);
        operation.put("action", "receive");
        operation.set("channel", ref("#/channels/" + channelId));
        ArrayNode messages = operation.putArray("messages");
        channel.get("messages").propertyNames()
                .forEach(name -> messages.add(ref("#/channels/" + channelId + "/messages/" + name)));
    }

    private static ObjectNode message(Kit.Entry entry, String name, JsonNode headers,
            Map<String, String> exampleHeaders) {
        ObjectNode message = NODES.objectNode();
        message.put("name", name);
        message.put("title", entry.recordType() + " for " + entry.purpose());
        message.put("summary", "Subscription " + entry.id() + " version " + entry.version() + " (" + entry.status()
                + "), legal basis: " + entry.legalBasis());
        message.put("contentType", "application/json");
        message.set("headers", headers);
        message.set("payload", ref("#/components/schemas/" + name));
        if (entry.example() != null && exampleHeaders != null) {
            ObjectNode example = message.putArray("examples").addObject();
            example.put("name", "example");
            example.set("headers", headersNode(exampleHeaders));
            example.set("payload", entry.example().value());
        }
        return message;
    }

    private static ObjectNode headersNode(Map<String, String> headers) {
        ObjectNode node = NODES.objectNode();
        headers.forEach(node::put);
        return node;
    }

    private static ObjectNode topicHeaders() {
        ObjectNode schema = NODES.objectNode();
        schema.put("type", "object");
        schema.put("description", "CloudEvents 1.0 attributes as Kafka headers (UTF-8 strings); ce_sealedentity only "
                + "under a pseudonym and ce_sealedsubmitter on a shared version (both sealed for Fill Once: ignore "
                + "them), ce_resyncof only on a re-sync.");
        ObjectNode properties = schema.putObject("properties");
        ArrayNode required = schema.putArray("required");
        for (String header : CE_HEADERS) {
            properties.putObject(header).put("type", "string");
            required.add(header);
        }
        properties.putObject("ce_sealedentity").put("type", "string");
        properties.putObject("ce_sealedsubmitter").put("type", "string");
        properties.putObject("ce_resyncof").put("type", "string");
        properties.putObject(Traces.KAFKA_HEADER).put("type", "string");
        properties.putObject("content-type").put("type", "string").put("const", "application/json");
        return schema;
    }

    private static ObjectNode webhookHeaders() {
        ObjectNode schema = NODES.objectNode();
        schema.put("type", "object");
        schema.put("description", "Standard Webhooks headers (verify webhook-signature before anything else) and "
                + "the message's context.");
        ObjectNode properties = schema.putObject("properties");
        ArrayNode required = schema.putArray("required");
        for (String header : List.of("webhook-id", "webhook-timestamp", "webhook-signature", "fillonce-subject",
                "fillonce-type", "fillonce-subscription", "fillonce-purpose", "fillonce-legal-basis")) {
            properties.putObject(header).put("type", "string");
            required.add(header);
        }
        for (String header : List.of("fillonce-entity-version", "fillonce-subscription-version",
                "fillonce-resync-of", Traces.TRACEPARENT)) {
            properties.putObject(header).put("type", "string");
        }
        return schema;
    }

    private static ObjectNode feedPage(ArrayNode itemData) {
        ObjectNode message = NODES.objectNode();
        message.put("name", "feedPage");
        message.put("title", "A page of the department's feed");
        message.put("contentType", "application/json");
        ObjectNode payload = message.putObject("payload");
        payload.put("type", "object");
        payload.putArray("required").add("items").add("next");
        ObjectNode properties = payload.putObject("properties");
        properties.putObject("next").put("type", "string").put("description", "pass as ?after= for the next page");
        ObjectNode item = properties.putObject("items").put("type", "array").putObject("items");
        item.put("type", "object");
        ObjectNode fields = item.putObject("properties");
        for (String text : List.of("id", "event", "type", "entityKey", "purpose", "legalBasis", "subscription",
                "time", "resyncOf")) {
            fields.putObject(text).put("type", "string");
        }
        fields.putObject("version").put("type", "integer");
        fields.putObject("subscriptionVersion").put("type", "integer");
        fields.putObject("data").put("description", "the payload, as its subscription's schema says; absent on a "
                + "notice").set("anyOf", itemData);
        return message;
    }

    private static String webhookPath(Kit.Webhook webhook) {
        String path = URI.create(webhook.url()).getRawPath();
        return path == null || path.isEmpty() ? "/" : path;
    }

    private static String componentName(String subscriptionId) {
        return subscriptionId.replaceAll("[^a-zA-Z0-9._-]", "_");
    }

    private static ObjectNode ref(String pointer) {
        ObjectNode ref = NODES.objectNode();
        ref.put("$ref", pointer);
        return ref;
    }
}
