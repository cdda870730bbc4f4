package io.fillonce.sync.mapping;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Salted hashes per department: department {@code d}'s key is HMAC-SHA256(master secret, "fillonce/field-hash/v1/"
 * + d) and a value's hash is hex(HMAC-SHA256(key, UTF-8 value)). The same value hashes the same for one department
 * across restarts and replicas (same master secret), and differently for every other department, so two
 * departments cannot join their data on it, and without the master secret nobody can compute it from public data.
 */
@Component
public class FieldHashes {

    private static final Logger log = LoggerFactory.getLogger(FieldHashes.class);
    private static final String ALGORITHM = "HmacSHA256";
    private static final String CONTEXT = "fillonce/field-hash/v1/";

    private final byte[] master;
    private final Map<String, byte[]> keys = new ConcurrentHashMap<>();

    public FieldHashes(MappingSettings settings) {
        this.master = settings.hashSecret() == null ? null : settings.hashSecret().getBytes(StandardCharsets.UTF_8);
        if (master == null) {
            log.warn("fillonce.sync.mapping.hash-secret (FILLONCE_HASH_SECRET) is not set: records of subscriptions "
                    + "with \"transform\": \"hash\" are skipped for their department until it is");
        }
    }

    /** The hasher of one department's subscriptions. */
    public FieldHasher forDepartment(String department) {
        return text -> {
            if (master == null) {
                throw new UnmappableRecord("no hash secret is configured (FILLONCE_HASH_SECRET), so a hashed field "
                        + "cannot be built");
            }
            byte[] key = keys.computeIfAbsent(department, code -> hmac(master, CONTEXT + code));
            return HexFormat.of().formatHex(hmac(key, text));
        };
    }

    private static byte[] hmac(byte[] key, String text) {
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
