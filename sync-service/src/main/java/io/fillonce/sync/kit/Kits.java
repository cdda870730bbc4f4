package io.fillonce.sync.kit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import io.fillonce.fieldrules.InvalidMapping;
import io.fillonce.fieldrules.UnmappableRecord;
import io.fillonce.sync.mapping.FieldHashes;
import io.fillonce.sync.mapping.Subjects;
import io.fillonce.sync.registry.Department;
import io.fillonce.sync.registry.RegistryView;
import io.fillonce.sync.registry.Subscription;
import io.fillonce.web.NotFound;
import io.fillonce.web.Paging;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Component;

/**
 * Builds a department's onboarding kit from this instance's registry view: for each of its subscriptions the payload
 * schema ({@link PayloadSchemas}) and an example message, made by running the subscription's real mapping over a
 * made-up record ({@link SampleRecords}: values from the record type schema's {@code examples}, enums and formats,
 * changed to pass the subscription's filter), hashing with a throwaway key (a kit is no oracle for the
 * department's real hashes) and under a made-up pseudonym; and how to connect to its topic, feed and webhook.
 */
@Component
class Kits {

    static final String SASL_MECHANISM = "SCRAM-SHA-512";
    static final String EXAMPLE_RECORD_ID = "rec-00000000-0000-4000-8000-000000000000";
    static final String EXAMPLE_TIME = "2026-11-27T08:15:30.123Z";

    private final RegistryView registry;
    private final Subjects subjects;
    private final KitSettings settings;

    Kits(RegistryView registry, Subjects subjects, KitSettings settings) {
        this.registry = registry;
        this.subjects = subjects;
        this.settings = settings;
    }

    /** @throws NotFound when this instance does not know the department (yet) */
    Kit kitFor(String code) {
        Department department = registry.department(code).orElseThrow(() -> new NotFound("There is no department "
                + code + " (a new one is known here within a second or two of its registration)."));
        List<Kit.Entry> entries = registry.subscriptions().stream()
                .filter(subscription -> subscription.department().equals(code))
                .sorted(Comparator.comparing(Subscription::id))
                .map(this::entry).toList();
        return new Kit(code, department.name(), entries, connect(department));
    }

    static String topic(String department) {
        return "fillonce.dept." + department;
    }

    private Kit.Entry entry(Subscription subscription) {
        JsonNode source = registry.recordSchema(subscription.recordType())
                .orElseGet(JsonNodeFactory.instance::objectNode);
        ObjectNode schema = PayloadSchemas.of(subscription.fields(), source, registry);
        schema.put("title", "Payload of subscription " + subscription.id() + " (version " + subscription.version()
                + "): " + subscription.recordType() + " for " + subscription.department());
        ObjectNode sample = SampleRecords.of(source, subscription.filter());
        Kit.Message example = null;
        String problem = null;
        try {
            example = example(subscription, subscription.fields().payloadFor(sample, registry,
                    FieldHashes.throwaway()));
        }
        catch (UnmappableRecord | InvalidMapping e) {
            problem = "the made-up record cannot be mapped: " + e.getMessage();
        }
        return new Kit.Entry(subscription.id(), subscription.version(), subscription.recordType(),
                subscription.purpose(), subscription.legalBasis(), new TreeSet<>(subscription.channels()),
                subscription.status().name(), schema, sample, example, problem);
    }

    /** The message as contracts/examples/departments/*.json show them (fan-out's DepartmentMessages). */
    private Kit.Message example(Subscription subscription, ObjectNode payload) {
        String subject = subscription.recordType() + "/" + (subscription.keyInClear() ? "<entity key>"
                : sha256Hex("fillonce example entity"));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("ce_specversion", "1.0");
        headers.put("ce_id", EXAMPLE_RECORD_ID + ":1");
        headers.put("ce_type", "fillonce.record.shared");
        headers.put("ce_source", "/fillonce/sync");
        headers.put("ce_subject", subject);
        headers.put("ce_time", EXAMPLE_TIME);
        headers.put("ce_entityversion", "1");
        headers.put("ce_recordtype", subscription.recordType());
        headers.put("ce_subscription", subscription.id());
        headers.put("ce_subscriptionversion", String.valueOf(subscription.version()));
        headers.put("ce_purpose", subscription.purpose());
        headers.put("ce_legalbasis", subscription.legalBasis());
        if (!subscription.keyInClear()) {
            headers.put("ce_sealedentity", subjects.seal(subscription.recordType() + "/example",
                    subscription.department()));
        }
        headers.put("ce_sealedsubmitter", subjects.seal("cadre:example", subscription.department()));
        headers.put("content-type", "application/json");
        return new Kit.Message(topic(subscription.department()), subject, headers, payload);
    }

    private Kit.Connect connect(Department department) {
        String code = department.code();
        Kit.Kafka kafka = new Kit.Kafka(settings.departmentBootstrapServers(), settings.departmentSecurityProtocol(),
                SASL_MECHANISM, topic(code), topic(code) + ".", "read_committed",
                "username and password as registry-service issued them when the department was registered (an "
                        + "admin's POST /api/registry/departments/" + code + "/kafka-credentials/rotate issues new "
                        + "ones)");
        Kit.Feed feed = new Kit.Feed(settings.publicUrl() + "/api/feeds/" + code,
                "Authorization: Bearer <the department's API key>",
                "answers {items, next}; ask again with ?after=<next> (or ?since=<ISO-8601 instant>), ?limit= up to "
                        + Paging.MAX_LIMIT);
        Kit.Webhook webhook = department.webhook() == null ? null : new Kit.Webhook(
                department.webhook().url().toString(), department.webhook().active(),
                "Standard Webhooks 1.0 (https://www.standardwebhooks.com): webhook-signature holds 'v1,' + "
                        + "base64(HMAC-SHA256(key, webhook-id + '.' + webhook-timestamp + '.' + body)) per secret, "
                        + "space-separated, the key being the base64 part of the department's whsec_ secret; refuse "
                        + "a timestamp more than 5 minutes off, and deduplicate by webhook-id",
                List.of("webhook-id", "webhook-timestamp", "webhook-signature", "fillonce-subject", "fillonce-type",
                        "fillonce-subscription", "fillonce-subscription-version", "fillonce-entity-version",
                        "fillonce-purpose", "fillonce-legal-basis", "fillonce-resync-of"));
        return new Kit.Connect(kafka, feed, webhook);
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
