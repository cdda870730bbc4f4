package io.fillonce.contracts.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class SealedSecretsTests {

    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private final SealedSecrets sealing = SealedSecrets.withKey("test-sealing-key-not-for-production-0123456789", "k");

    @Test
    void aSealedSecretOpensForItsDepartmentOnlyAndNeverShowsTheSecret() {
        String sealed = sealing.seal(SECRET, "civil-affairs");

        assertThat(sealed).startsWith("sealed:v1:").doesNotContain(SECRET).doesNotContain("MfKQ9r8G");
        assertThat(sealing.seal(SECRET, "civil-affairs")).as("a new nonce every time").isNotEqualTo(sealed);
        assertThat(sealing.open(sealed, "civil-affairs")).isEqualTo(SECRET);
        assertThatIllegalArgumentException().isThrownBy(() -> sealing.open(sealed, "health"))
                .withMessageContaining("does not open").withMessageNotContaining(SECRET);
    }

    @Test
    void anotherKeyOrAClearOrTamperedSecretDoesNotOpen() {
        String sealed = sealing.seal(SECRET, "civil-affairs");
        SealedSecrets other = SealedSecrets.withKey("another-sealing-key-not-for-production-0123456", "k");
        char last = sealed.charAt(sealed.length() - 3);
        String tampered = sealed.substring(0, sealed.length() - 3) + (last == 'A' ? 'B' : 'A')
                + sealed.substring(sealed.length() - 2);

        assertThatIllegalArgumentException().isThrownBy(() -> other.open(sealed, "civil-affairs"));
        assertThatIllegalArgumentException().isThrownBy(() -> sealing.open(SECRET, "civil-affairs"))
                .withMessageContaining("is not sealed");
        assertThatIllegalArgumentException().isThrownBy(() -> sealing.open(tampered, "civil-affairs"));
        assertThatIllegalArgumentException().isThrownBy(() -> sealing.open("sealed:v1:AAAA", "civil-affairs"))
                .withMessageContaining("too short");
    }

    @Test
    void aValueSealedForOneContextDoesNotOpenInAnother() {
        byte[] key = new byte[32];
        key[0] = 7;
        SealedSecrets entities = SealedSecrets.forContext(key, "fillonce.entity/v1/");
        String sealed = entities.seal("resident/370602199001011234", "civil-affairs");

        assertThat(entities.open(sealed, "civil-affairs")).isEqualTo("resident/370602199001011234");
        assertThatIllegalArgumentException().isThrownBy(() -> SealedSecrets.forContext(key, "fillonce.other/v1/")
                .open(sealed, "civil-affairs")).withMessageNotContaining("370602");
        assertThatIllegalArgumentException().isThrownBy(() -> SealedSecrets.forContext(new byte[16], "x/"));
    }

    @Test
    void aShortOrMissingKeyStopsTheService() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> SealedSecrets.withKey("short", "FILLONCE_WEBHOOK_SEALING_KEY"))
                .withMessageContaining("FILLONCE_WEBHOOK_SEALING_KEY must be").withMessageContaining("32 bytes");
        assertThatIllegalArgumentException().isThrownBy(() -> SealedSecrets.withKey(null, "k"));
    }
}
