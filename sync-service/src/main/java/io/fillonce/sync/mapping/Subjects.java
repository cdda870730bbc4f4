package io.fillonce.sync.mapping;

import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.fillonce.contracts.trust.SealedSecrets;

import org.springframework.stereotype.Component;

/**
 * The subject a department sees an entity under (docs/conventions.md "Subjects"): its message key, {@code ce_subject},
 * the webhook's {@code fillonce-subject} header and its feed items' {@code entityKey}. It is {@code <type>/<entity
 * key>} only when the department's subscription discloses the key in clear (registry-service decides:
 * {@code "subjects": "CLEAR"}); otherwise {@code <type>/<pseudonym>}, the pseudonym being
 * hex(HMAC-SHA256(department key, "<type>/<entity key>")) with the department key HMAC-SHA256(master secret,
 * "fillonce/subject/v1/" + department): stable for the department across restarts and replicas, different for every
 * other department (they cannot link theirs), and nobody without the master secret can compute it.
 * <p>
 * A department message under a pseudonym also carries the entity's subject sealed for sync-service alone (AES-GCM
 * with a key derived from the master secret, a fresh nonce per message, so the sealed value links nothing): the
 * webhook workers and the feed need the entity to audit and keep receipts by, and cannot invert the pseudonym.
 */
@Component
public class Subjects {

    private static final String CONTEXT = "fillonce/subject/v1/";

    private final byte[] master;
    private final Map<String, byte[]> keys = new ConcurrentHashMap<>();
    private final SealedSecrets sealing;

    public Subjects(MappingSettings settings) {
        this.master = settings.secret();
        this.sealing = SealedSecrets.forContext(FieldHashes.hmac(master, "fillonce/entity-seal/v1"),
                "fillonce.entity/v1/");
    }

    /** What department sees: {@code <type>/<entityKey>} when {@code keyInClear}, else its pseudonym subject. */
    public String forDepartment(String department, boolean keyInClear, String type, String entityKey) {
        return type + "/" + (keyInClear ? entityKey : pseudonym(department, type, entityKey));
    }

    /** The department's pseudonym of the entity: 64 lower-case hex characters. */
    public String pseudonym(String department, String type, String entityKey) {
        byte[] key = keys.computeIfAbsent(department, code -> FieldHashes.hmac(master, CONTEXT + code));
        return HexFormat.of().formatHex(FieldHashes.hmac(key, type + "/" + entityKey));
    }

    /** The entity's subject sealed for sync-service, on a message to {@code department}. */
    public String seal(String subject, String department) {
        return sealing.seal(subject, department);
    }

    /** The subject {@link #seal} sealed; IllegalArgumentException when it was not sealed by this deployment. */
    public String open(String sealed, String department) {
        return sealing.open(sealed, department);
    }
}
