package io.fillonce.sync.kit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import tools.jackson.databind.json.JsonMapper;

/**
 * The whole kit in one zip: README.md for the department, kit.json, asyncapi.yaml, schemas/ (one payload schema per
 * subscription), examples/ (one example message per subscription) and snippets/.
 */
final class KitArchive {

    private KitArchive() {
    }

    static byte[] zip(Kit kit, JsonMapper json) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
            put(zip, "README.md", readme(kit));
            put(zip, "kit.json", pretty(json, kit));
            put(zip, "asyncapi.yaml", AsyncApiDocuments.yaml(kit));
            for (Kit.Entry entry : kit.subscriptions()) {
                put(zip, "schemas/" + entry.id() + ".schema.json", pretty(json, entry.payloadSchema()));
                if (entry.example() != null) {
                    put(zip, "examples/" + entry.id() + ".json", pretty(json, entry.example()));
                }
            }
            for (Map.Entry<String, String> snippet : Snippets.of(kit).entrySet()) {
                put(zip, "snippets/" + snippet.getKey(), snippet.getValue());
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("writing a zip to memory", e);
        }
        return bytes.toByteArray();
    }

    private static String pretty(JsonMapper json, Object value) {
        return json.writerWithDefaultPrettyPrinter().writeValueAsString(value) + "\n";
    }

    private static void put(ZipOutputStream zip, String name, String text) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(text.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    private static String readme(Kit kit) {
        Kit.Kafka kafka = kit.connect().kafka();
        StringBuilder text = new StringBuilder();
        text.append("# Fill Once onboarding kit: ").append(kit.name()).append(" (").append(kit.department())
                .append(")\n\n")
                .append("What your department receives from Fill Once, and how to connect. Every message is one ")
                .append("entity version mapped by one of your subscriptions: only the fields it maps, in your names.")
                .append("\n\n## Subscriptions\n\n")
                .append("| id | version | record type | purpose | legal basis | channels | status |\n")
                .append("|---|---|---|---|---|---|---|\n");
        for (Kit.Entry entry : kit.subscriptions()) {
            text.append("| ").append(entry.id()).append(" | ").append(entry.version()).append(" | ")
                    .append(entry.recordType()).append(" | ").append(entry.purpose()).append(" | ")
                    .append(entry.legalBasis()).append(" | ").append(String.join(", ", entry.channels())).append(" | ")
                    .append(entry.status()).append(" |\n");
        }
        text.append("\n- `schemas/<id>.schema.json`: JSON Schema 2020-12 of exactly the payload (data) of each ")
                .append("subscription; a field it does not map fails validation.\n")
                .append("- `examples/<id>.json`: an example message as it arrives on your topic (headers and value), ")
                .append("mapped by the real mapping from a made-up record.\n")
                .append("- `asyncapi.yaml`: AsyncAPI 3.0 of your topic, feed")
                .append(kit.connect().webhook() == null ? "" : " and webhook").append(".\n")
                .append("- `snippets/`: kcat, Python, Java and Node consumers, the feed with curl, webhook signature ")
                .append("verification in Node and Python; credentials come from environment variables.\n\n")
                .append("## Kafka\n\n")
                .append("- bootstrap servers: `").append(kafka.bootstrapServers()).append("`\n")
                .append("- security protocol: `").append(kafka.securityProtocol()).append("`, SASL mechanism `")
                .append(kafka.saslMechanism()).append("`\n")
                .append("- credentials: ").append(kafka.credentials()).append("\n")
                .append("- topic: `").append(kafka.topic()).append("`; consumer groups named `")
                .append(kafka.groupPrefix()).append("*`\n")
                .append("- `isolation.level=read_committed` (messages are written in transactions)\n")
                .append("- kcat needs librdkafka >= 2.6.1 for SCRAM against Kafka 4 brokers.\n\n")
                .append("## Feed\n\n`GET ").append(kit.connect().feed().url()).append("` with `")
                .append(kit.connect().feed().authorization()).append("`; ").append(kit.connect().feed().paging())
                .append(".\n\n## Webhook\n\n");
        if (kit.connect().webhook() == null) {
            text.append("No webhook is registered for your department.\n");
        }
        else {
            text.append("Posts to `").append(kit.connect().webhook().url()).append("`")
                    .append(kit.connect().webhook().active() ? "" : " (currently disabled)").append(". ")
                    .append(kit.connect().webhook().signatures()).append(".\n\n")
                    .append("Answer 2xx once a post is stored. When your endpoint is down or answers 429, 502, 503 ")
                    .append("or 504, deliveries wait and resume in order once it answers again, for up to the ")
                    .append("topic's retention; any other answer is retried a few times, then set aside for an ")
                    .append("operator with the entity's later versions behind it. 410 stops deliveries.\n");
        }
        text.append("\n## Deduplicate and order\n\nDeduplicate on the event id (`ce_id`, the feed item's `id`, ")
                .append("`webhook-id`): redeliveries carry the same one. Keep the highest entity version ")
                .append("(`ce_entityversion`). Ask for a test event with `POST /api/kit/").append(kit.department())
                .append("/test-event`: a `fillonce.test` message without personal data on each of your channels.\n");
        return text.toString();
    }
}
