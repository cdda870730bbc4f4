package io.fillonce.gateway;

import io.fillonce.contracts.Contracts;
import io.fillonce.gateway.principal.KeyHash;
import io.fillonce.registryfeed.EntryKind;
import io.fillonce.registryfeed.RegistryTopic;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Object mother for principal entries of the registry topic, built from the contract example. */
public final class PrincipalEntries {

    private PrincipalEntries() {
    }

    /** The registry topic key of principal {@code id}. */
    public static String key(String id) {
        return RegistryTopic.key(EntryKind.PRINCIPAL, id);
    }

    /** The contract example (cadre:c-0001, CADRE, region 370602, active). */
    public static ObjectNode example() {
        return (ObjectNode) Contracts.example("registry/principal-cadre.json").get("value").deepCopy();
    }

    public static ObjectNode cadre(String name, String apiKey, String regionCode) {
        ObjectNode entry = principal("cadre:" + name, "CADRE", apiKey);
        state(entry).put("regionCode", regionCode);
        return entry;
    }

    public static ObjectNode department(String code, String apiKey) {
        ObjectNode entry = principal("department:" + code, "DEPARTMENT", apiKey);
        state(entry).put("department", code);
        return entry;
    }

    /** A principal of any role, active, holding {@code apiKey}; no department or region. */
    public static ObjectNode principal(String id, String role, String apiKey) {
        ObjectNode entry = example();
        entry.put("id", id);
        ObjectNode state = state(entry);
        state.put("id", id);
        state.put("role", role);
        state.put("name", id.substring(id.indexOf(':') + 1));
        state.put("keyHash", KeyHash.of(apiKey));
        state.remove("regionCode");
        return entry;
    }

    /** The next revision of {@code entry} with {@code field} of its state changed. */
    public static ObjectNode revised(JsonNode entry, String field, Object value) {
        ObjectNode next = (ObjectNode) entry.deepCopy();
        next.put("revision", entry.get("revision").asInt() + 1);
        if (value instanceof Boolean flag) {
            state(next).put(field, flag);
        }
        else {
            state(next).put(field, String.valueOf(value));
        }
        return next;
    }

    private static ObjectNode state(ObjectNode entry) {
        return (ObjectNode) entry.get("state");
    }
}
