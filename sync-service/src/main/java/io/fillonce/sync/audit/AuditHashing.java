package io.fillonce.sync.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The canonical serialization of an entry (compact JSON of {@link AuditEntry#canonical()}: fixed field order, no
 * whitespace, UTF-8) and the SHA-256 hashes over it and over payloads.
 */
final class AuditHashing {

    static final String GENESIS = "0".repeat(64);

    private final JsonMapper json;

    AuditHashing(JsonMapper json) {
        this.json = json;
    }

    String hash(AuditEntry entry) {
        return sha256(json.writeValueAsString(entry.canonical()));
    }

    /** The JSON pointers of the payload's leaves: the field names a department received. */
    static List<String> fieldsOf(JsonNode payload) {
        List<String> fields = new ArrayList<>();
        if (payload != null) {
            leaves(payload, "", fields);
        }
        return fields;
    }

    static String payloadHash(String payload) {
        return payload == null ? null : "sha256:" + sha256(payload);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static void leaves(JsonNode node, String pointer, List<String> fields) {
        if (node.isObject() && !node.isEmpty()) {
            node.properties().forEach(p -> leaves(p.getValue(), pointer + "/" + escape(p.getKey()), fields));
        }
        else if (!pointer.isEmpty()) {
            fields.add(pointer);
        }
    }

    private static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }
}
