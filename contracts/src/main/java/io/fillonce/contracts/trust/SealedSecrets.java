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
 * Webhook signing secrets as they travel on fillonce.registry (docs/conventions.md "Webhook secrets"): sealed by
 * registry-service for sync-service, the only two holders of the sealing key ({@code FILLONCE_WEBHOOK_SEALING_KEY},
 * at least 32 bytes; its SHA-256 is the AES-256 key). A sealed secret is {@value #PREFIX} and the base64 of a fresh
 * 12-byte nonce followed by the AES-GCM ciphertext and tag; the department's code is the associated data, so a
 * sealed secret copied into another department's entry does not open.
 */
public final class SealedSecrets {

    public static final String PREFIX = "sealed:v1:";
    public static final int MIN_KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    private SealedSecrets(SecretKeySpec key) {
        this.key = key;
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
            return new SealedSecrets(new SecretKeySpec(digest, "AES"));
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

    /** The secret inside; IllegalArgumentException (never naming the secret) when it is not sealed for department. */
    public String open(String sealed, String department) {
        if (sealed == null || !sealed.startsWith(PREFIX)) {
            throw new IllegalArgumentException("a webhook secret is not sealed (" + PREFIX + "…)");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
        }
        catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a sealed webhook secret is not base64");
        }
        if (bytes.length <= NONCE_BYTES) {
            throw new IllegalArgumentException("a sealed webhook secret is too short");
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
            cipher.updateAAD(("fillonce.webhook-secret/v1/" + department).getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input);
        }
        catch (AEADBadTagException e) {
            throw new IllegalArgumentException("a sealed webhook secret does not open with this service's sealing key "
                    + "for department " + department);
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed", e);
        }
    }
}
