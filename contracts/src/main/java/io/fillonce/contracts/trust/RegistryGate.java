package io.fillonce.contracts.trust;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a reader of fillonce.registry lets through: only entries registry-service signed ({@link RegistrySignature})
 * and, per key, never a lower {@code revision} than one this reader already applied. A signed but old entry written
 * to the topic again (a revoked key's earlier, active state; a subscription before it was narrowed) therefore
 * changes nothing. The same revision again is registry-service re-sending its state at start, and passes.
 * One instance per reader: it remembers the revisions that reader applied (a reader reads the topic from its
 * beginning at start, so it learns them again in order).
 */
public final class RegistryGate {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RegistrySignature.Verifier signatures;
    private final Map<String, Long> applied = new ConcurrentHashMap<>();

    public RegistryGate(RegistrySignature.Verifier signatures) {
        this.signatures = signatures;
    }

    /** The gate of a reader configured with registry-service's public key (FILLONCE_REGISTRY_VERIFY_KEY). */
    public static RegistryGate forVerifyKey(String verifyKey) {
        return new RegistryGate(RegistrySignature.verifier(verifyKey,
                "fillonce.registry.verify-key (FILLONCE_REGISTRY_VERIFY_KEY)"));
    }

    /**
     * Why the entry must be ignored, or null to apply it (its revision is then remembered). {@code header}: the last
     * {@value RegistrySignature#HEADER} header's value, null when there is none.
     */
    public String problemWith(String key, String value, byte[] header) {
        String forged = signatures.problemWith(key, value, header);
        if (forged != null || value == null) {
            return forged;
        }
        long revision = revisionOf(value);
        Long before = applied.get(key);
        if (before != null && revision < before) {
            return "it is revision " + revision + ", older than revision " + before + " this reader already applied "
                    + "(an old entry written again)";
        }
        applied.merge(key, revision, Math::max);
        return null;
    }

    /** The entry's top-level {@code revision}; 0 when it has none (or is not JSON: its reader says why). */
    private static long revisionOf(String value) {
        try {
            JsonNode revision = JSON.readTree(value).path("revision");
            return revision.canConvertToLong() ? revision.longValue() : 0;
        }
        catch (JacksonException e) {
            return 0;
        }
    }
}
