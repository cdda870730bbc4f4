package io.fillonce.contracts.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistrySignatureTests {

    private static final String KEY = "principal/admin:root";
    private static final String VALUE = "{\"kind\":\"principal\",\"id\":\"admin:root\"}";
    private static final RegistrySignature.Verifier VERIFIER =
            RegistrySignature.verifier(TestRegistryKeys.PUBLIC_KEY, "test key");

    @Test
    void aSignedEntryVerifiesAndAnyChangeToKeyOrValueDoesNot() {
        byte[] header = TestRegistryKeys.SIGNER.sign(KEY, VALUE);

        assertThat(VERIFIER.problemWith(KEY, VALUE, header)).isNull();
        assertThat(VERIFIER.problemWith("principal/admin:other", VALUE, header)).contains("not registry-service's");
        assertThat(VERIFIER.problemWith(KEY, VALUE.replace("root", "r00t"), header)).contains("not registry-service's");
        assertThat(VERIFIER.problemWith(KEY, null, header)).as("a tombstone is not the entry").isNotNull();
    }

    @Test
    void aTombstoneIsSignedAndDiffersFromAnEmptyValue() {
        byte[] tombstone = TestRegistryKeys.SIGNER.sign(KEY, null);

        assertThat(VERIFIER.problemWith(KEY, null, tombstone)).isNull();
        assertThat(VERIFIER.problemWith(KEY, "", tombstone)).isNotNull();
    }

    @Test
    void unsignedGarbledOrOtherKeysSignaturesAreRefused() throws Exception {
        KeyPair otherKey = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        RegistrySignature.Signer forger = RegistrySignature.signer(
                Base64.getEncoder().encodeToString(otherKey.getPrivate().getEncoded()), "forger's key");

        assertThat(VERIFIER.problemWith(KEY, VALUE, null)).isEqualTo("it carries no fillonce-signature header");
        assertThat(VERIFIER.problemWith(KEY, VALUE, "not base64!".getBytes(StandardCharsets.UTF_8)))
                .contains("not a base64 Ed25519 signature");
        assertThat(VERIFIER.problemWith(KEY, VALUE, forger.sign(KEY, VALUE))).contains("not registry-service's");
    }

    @Test
    void missingOrWrongKeysStopTheServiceWithTheSettingsName() {
        String verifyKey = "fillonce.registry.verify-key";
        assertThatIllegalArgumentException().isThrownBy(() -> RegistrySignature.verifier("", verifyKey))
                .withMessageContaining("fillonce.registry.verify-key is not set");
        assertThatIllegalArgumentException().isThrownBy(() -> RegistrySignature.verifier("%%", verifyKey))
                .withMessageContaining("is not base64");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> RegistrySignature.verifier(TestRegistryKeys.PRIVATE_KEY, verifyKey))
                .withMessageContaining("must be an Ed25519 public key");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> RegistrySignature.signer(TestRegistryKeys.PUBLIC_KEY,
                        "fillonce.registry.signing-key"))
                .withMessageContaining("must be an Ed25519 private key");
    }

    /** Checked by a verifier we did not write: OpenSSL, on the documented bytes, with the documented key encoding. */
    @Test
    void openSslVerifiesTheSignatureOfTheDocumentedBytes(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(new ProcessBuilder("sh", "-c", "command -v openssl").start().waitFor() == 0,
                "openssl is not installed here");
        byte[] context = "fillonce.registry/v1".getBytes(StandardCharsets.UTF_8);
        byte[] key = KEY.getBytes(StandardCharsets.UTF_8);
        byte[] value = VALUE.getBytes(StandardCharsets.UTF_8);
        byte[] signed = ByteBuffer.allocate(context.length + 4 + key.length + 1 + value.length)
                .put(context).putInt(key.length).put(key).put((byte) 1).put(value).array();
        Files.write(dir.resolve("signed"), signed);
        Files.write(dir.resolve("signature"), Base64.getDecoder().decode(TestRegistryKeys.SIGNER.sign(KEY, VALUE)));
        Files.write(dir.resolve("public.der"), Base64.getDecoder().decode(TestRegistryKeys.PUBLIC_KEY));

        Process openssl = new ProcessBuilder("openssl", "pkeyutl", "-verify", "-pubin", "-keyform", "DER",
                "-inkey", "public.der", "-rawin", "-in", "signed", "-sigfile", "signature")
                .directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(openssl.waitFor()).as(output).isZero();
        assertThat(output).contains("Signature Verified Successfully");
    }
}
