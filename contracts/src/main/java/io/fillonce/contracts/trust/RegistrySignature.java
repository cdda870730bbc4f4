package io.fillonce.contracts.trust;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The signature every fillonce.registry message carries (docs/conventions.md "Registry entries are signed"):
 * registry-service signs each message with its Ed25519 private key and puts the signature, base64, into the header
 * {@value #HEADER}; every service that reads the topic verifies it with the matching public key and ignores what
 * fails. The broker's ACLs already let only registry-service write the topic; the signature also holds where a
 * broker is open, and no reader can forge an entry, since none holds the private key.
 *
 * <p>What is signed: {@value #CONTEXT}, the key's UTF-8 length (4 bytes, big-endian) and bytes, then one byte
 * {@code 1} and the value's UTF-8 bytes, or {@code 0} alone for a tombstone. Keys are standard encodings, base64:
 * the private key PKCS#8, the public key X.509 SubjectPublicKeyInfo ({@code openssl genpkey -algorithm ed25519
 * -outform DER | base64 -w0}; {@code openssl pkey -inform DER -pubout -outform DER | base64 -w0} for its public key).
 */
public final class RegistrySignature {

    public static final String HEADER = "fillonce-signature";
    static final String CONTEXT = "fillonce.registry/v1";
    private static final String ALGORITHM = "Ed25519";

    private RegistrySignature() {
    }

    /** The signer of registry-service; {@code privateKey} as described above, named {@code setting} in errors. */
    public static Signer signer(String privateKey, String setting) {
        try {
            return new Signer(KeyFactory.getInstance(ALGORITHM)
                    .generatePrivate(new PKCS8EncodedKeySpec(decoded(privateKey, setting))));
        }
        catch (GeneralSecurityException e) {
            throw unusable(setting, "an Ed25519 private key (PKCS#8, base64)", e);
        }
    }

    /** The verifier of every reader; {@code publicKey} as described above, named {@code setting} in errors. */
    public static Verifier verifier(String publicKey, String setting) {
        try {
            return new Verifier(KeyFactory.getInstance(ALGORITHM)
                    .generatePublic(new X509EncodedKeySpec(decoded(publicKey, setting))));
        }
        catch (GeneralSecurityException e) {
            throw unusable(setting, "an Ed25519 public key (X.509 SubjectPublicKeyInfo, base64)", e);
        }
    }

    /** Signs registry messages. */
    public static final class Signer {

        private final PrivateKey key;

        private Signer(PrivateKey key) {
            this.key = key;
        }

        /** The header value (base64 text, as bytes) for the message {@code key → value}; null value: a tombstone. */
        public byte[] sign(String messageKey, String value) {
            try {
                Signature signature = Signature.getInstance(ALGORITHM);
                signature.initSign(key);
                signature.update(signed(messageKey, value));
                return Base64.getEncoder().encode(signature.sign());
            }
            catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot sign registry entry " + messageKey, e);
            }
        }
    }

    /** Checks registry messages. */
    public static final class Verifier {

        private final PublicKey key;

        private Verifier(PublicKey key) {
            this.key = key;
        }

        /**
         * Why the message does not carry registry-service's signature, or null when it does. {@code header} is the
         * value of the last {@value #HEADER} header, null when there is none.
         */
        public String problemWith(String messageKey, String value, byte[] header) {
            if (header == null) {
                return "it carries no " + HEADER + " header";
            }
            try {
                Signature signature = Signature.getInstance(ALGORITHM);
                signature.initVerify(key);
                signature.update(signed(messageKey, value));
                return signature.verify(Base64.getDecoder().decode(header)) ? null
                        : "its " + HEADER + " is not registry-service's signature of this key and value";
            }
            catch (IllegalArgumentException | GeneralSecurityException e) {
                return "its " + HEADER + " header is not a base64 Ed25519 signature";
            }
        }
    }

    private static byte[] signed(String messageKey, String value) {
        byte[] context = CONTEXT.getBytes(StandardCharsets.UTF_8);
        byte[] keyBytes = (messageKey == null ? "" : messageKey).getBytes(StandardCharsets.UTF_8);
        byte[] valueBytes = value == null ? new byte[0] : value.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(context.length + 4 + keyBytes.length + 1 + valueBytes.length)
                .put(context).putInt(keyBytes.length).put(keyBytes)
                .put((byte) (value == null ? 0 : 1)).put(valueBytes).array();
    }

    private static byte[] decoded(String base64, String setting) {
        if (base64 == null || base64.isBlank()) {
            throw new IllegalArgumentException(setting + " is not set: without registry-service's key this service "
                    + "cannot tell registry-service's entries on fillonce.registry from forged ones and will not "
                    + "start");
        }
        try {
            return Base64.getDecoder().decode(base64.strip());
        }
        catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(setting + " is not base64", e);
        }
    }

    private static IllegalArgumentException unusable(String setting, String expected, Exception cause) {
        return new IllegalArgumentException(setting + " must be " + expected + ": " + cause.getMessage(), cause);
    }
}
