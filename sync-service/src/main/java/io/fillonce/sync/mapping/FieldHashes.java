package io.fillonce.sync.mapping;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

import io.fillonce.fieldrules.FieldHasher;

/**
 * Salted hashes per department: department {@code d}'s key is HMAC-SHA256(master secret, "fillonce/field-hash/v1/"
 * + d) and a value's hash is hex(HMAC-SHA256(key, UTF-8 value)). The same value hashes the same for one department
 * across restarts and replicas (same master secret), and differently for every other department, so two
 * departments cannot join their data on it, and without the master secret nobody can compute it from public data.
 */
@Component
public class FieldHashes {

    private static final String ALGORITHM = "HmacSHA256";
    private static final String CONTEXT = "fillonce/field-hash/v1/";

    private final byte[] master;
    private final Map<String, byte[]> keys = new ConcurrentHashMap<>();

    public FieldHashes(MappingSettings settings) {
        this.master = settings.secret();
    }

    /** The hasher of one department's subscriptions. */
    public FieldHasher forDepartment(String department) {
        byte[] key = keys.computeIfAbsent(department, code -> hmac(master, CONTEXT + code));
        return text -> HexFormat.of().formatHex(hmac(key, text));
    }

    /**
     * The hasher of erased subjects, which the audit log keeps to redact events that arrive after an erasure: keyed
     * like the departments' (without the master secret nobody can test a key against it), under its own context.
     */
    public FieldHasher forErasedSubjects() {
        byte[] key = keys.computeIfAbsent("~erased-subjects", code -> hmac(master, "fillonce/erased-subject/v1"));
        return text -> HexFormat.of().formatHex(hmac(key, text));
    }

    /**
     * A hasher under a random key of its own: what a preview for someone who is not an administrator hashes with,
     * so it shows the shape of a hashed field without becoming an oracle for the department's real hashes.
     */
    public static FieldHasher throwaway() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return text -> HexFormat.of().formatHex(hmac(key, text));
    }

    static byte[] hmac(byte[] key, String text) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has " + ALGORITHM, e);
        }
    }
}
