package io.fillonce.contracts.trust;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Small secrets sealed for their only readers, with AES-256-GCM: a sealed value is {@value #PREFIX} and the base64
 * of a fresh 12-byte nonce followed by the ciphertext and tag. The associated data is the sealing's context and
 * the department's code, so a value sealed for one department, or for another purpose, does not open as another.
 * <ul>
 * <li>{@link #withKey}: webhook signing secrets as they travel on fillonce.registry (docs/conventions.md "Webhook
 * secrets"), sealed by registry-service for sync-service, the only two holders of the sealing key
 * ({@code FILLONCE_WEBHOOK_SEALING_KEY}, at least 32 bytes; its SHA-256 is the AES-256 key).</li>
 * <li>{@link #forContext}: any other value one service seals for itself, e.g. sync-service's entity subject on a
 * department message whose key is a pseudonym.</li>
 * </ul>
 */
public final class SealedSecrets {

    public static final String PREFIX = "sealed:v1:";
    public static final int MIN_KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private static final String WEBHOOK_SECRETS = "fillonce.webhook-secret/v1/";

    private final SecretKeySpec key;
    private final String context;

    private SealedSecrets(SecretKeySpec key, String context) {
        this.key = key;
        this.context = context;
    }

    /** {@code key}: 32 bytes of AES-256 key; {@code context}: what is sealed, part of the associated data. */
    public static SealedSecrets forContext(byte[] key, String context) {
        if (key.length != 32) {
            throw new IllegalArgumentException("an AES-256 key has 32 bytes");
        }
        return new SealedSecrets(new SecretKeySpec(key.clone(), "AES"), context);
    }

    /** {@code sealingKey} as configured, named {@code setting} in the error when it is missing or short. */
    public static SealedSecrets withKey(String sealingKey, String setting) {
        if (sealingKey == null || sealingKey.getBytes(StandardCharsets.UTF_8).length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException(setting + " must be the webhook sealing key shared by registry-service "
                    + "and sync-service, at least " + MIN_KEY_BYTES + " bytes; without it webhook secrets would "
                    + "travel in clear, so this service will not start");
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(sealingKey.getBytes(StandardCharsets.UTF_8));
            return new SealedSecrets(new SecretKeySpec(digest, "AES"), WEBHOOK_SECRETS);
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    /** The sealed form of {@code secret} for {@code department}; a new nonce every time. */
    public String seal(String secret, String department) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        byte[] sealed = run(Cipher.ENCRYPT_MODE, nonce, department, secret.getBytes(StandardCharsets.UTF_8));
        return PREFIX + Base64.getEncoder().encodeToString(
                ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array());
    }

    /** The value inside; IllegalArgumentException (never naming the value) when it is not sealed for department. */
    public String open(String sealed, String department) {
        if (sealed == null || !sealed.startsWith(PREFIX)) {
            throw new IllegalArgumentException("a value is not sealed (" + PREFIX + "…)");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
        }
        catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a sealed value is not base64");
        }
        if (bytes.length <= NONCE_BYTES) {
            throw new IllegalArgumentException("a sealed value is too short");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        byte[] nonce = new byte[NONCE_BYTES];
        buffer.get(nonce);
        byte[] ciphertext = new byte[buffer.remaining()];
        buffer.get(ciphertext);
        return new String(run(Cipher.DECRYPT_MODE, nonce, department, ciphertext), StandardCharsets.UTF_8);
    }

    private byte[] run(int mode, byte[] nonce, String department, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD((context + department).getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input);
        }
        catch (AEADBadTagException e) {
            throw new IllegalArgumentException("a sealed value does not open with this service's key as "
                    + context + department);
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed", e);
        }
    }
}
