package io.fillonce.contracts.trust;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RegistryGateTests {

    private final RegistryGate gate = new RegistryGate(RegistrySignature.verifier(TestRegistryKeys.PUBLIC_KEY, "test key"));

    @Test
    void passesSignedEntriesInRevisionOrderAndTheSameRevisionAgain() {
        assertThat(pass("principal/admin:a", entry(1, true))).isNull();
        assertThat(pass("principal/admin:a", entry(2, false))).isNull();
        assertThat(pass("principal/admin:a", entry(2, false))).as("registry re-sends its state at start").isNull();
        assertThat(pass("principal/admin:b", entry(1, true))).as("revisions are per key").isNull();
    }

    @Test
    void refusesAnOlderSignedRevisionThanOneAlreadyApplied() {
        pass("principal/admin:a", entry(1, true));
        pass("principal/admin:a", entry(2, false));

        assertThat(pass("principal/admin:a", entry(1, true))).contains("revision 1, older than revision 2");
        assertThat(pass("principal/admin:a", entry(3, true))).isNull();
    }

    @Test
    void refusesWhatRegistryServiceDidNotSign() {
        String value = entry(5, true);
        assertThat(gate.problemWith("principal/admin:a", value, null)).contains("no fillonce-signature");
        assertThat(gate.problemWith("principal/admin:a", value, TestRegistryKeys.SIGNER.sign("principal/admin:b",
                value))).contains("not registry-service's signature");
        assertThat(pass("principal/admin:a", entry(1, true))).as("nothing of the refused ones was remembered").isNull();
    }

    private String pass(String key, String value) {
        return gate.problemWith(key, value, TestRegistryKeys.SIGNER.sign(key, value));
    }

    private static String entry(int revision, boolean active) {
        return """
                {"kind":"principal","id":"admin:a","revision":%d,"updatedAt":"2026-12-07T08:00:00Z",\
                "state":{"id":"admin:a","role":"ADMIN","keyHash":"00","active":%s}}""".formatted(revision, active);
    }
}
