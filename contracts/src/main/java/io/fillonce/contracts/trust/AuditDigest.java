package io.fillonce.contracts.trust;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * What an audit event (contracts/schemas/audit-event.schema.json) keeps of the data that left: the JSON Pointers of
 * its leaves and the SHA-256 of the JSON text exactly as sent, never a value. Shared by every service that writes
 * audit events, so an entry says the same of the same data whoever wrote it.
 */
public final class AuditDigest {

    private AuditDigest() {
    }

    /** The JSON Pointers of every leaf of {@code payload} (an empty object or array counts as a leaf). */
    public static List<String> fieldsOf(JsonNode payload) {
        List<String> fields = new ArrayList<>();
        if (payload != null) {
            leaves(payload, "", fields);
        }
        return fields;
    }

    /** {@code sha256:<hex>} of the JSON text exactly as it left; null for null. */
    public static String payloadHash(String payload) {
        return payload == null ? null : "sha256:" + sha256(payload);
    }

    /** Lower-case hex SHA-256 of the UTF-8 text. */
    public static String sha256(String text) {
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
