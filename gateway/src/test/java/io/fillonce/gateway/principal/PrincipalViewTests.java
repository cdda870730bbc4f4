package io.fillonce.gateway.principal;

import static io.fillonce.gateway.PrincipalEntries.key;
import static org.assertj.core.api.Assertions.assertThat;

import io.fillonce.contracts.Contracts;
import io.fillonce.gateway.PrincipalEntries;
import io.fillonce.registryfeed.EntryKind;
import io.fillonce.registryfeed.RegistryEntry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class PrincipalViewTests {

    private final PrincipalView view = new PrincipalView();
    private final RegistryEntries entries = new RegistryEntries(view);

    @Test
    void knowsThePrincipalOfTheContractExample() {
        JsonNode example = PrincipalEntries.example();
        assertThat(Contracts.violations(Contracts.REGISTRY_ENTRY, example)).isEmpty();

        apply("principal/cadre:c-0001", example);

        // the example's keyHash is the SHA-256 of "test"
        assertThat(view.findByKeyHash(KeyHash.of("test")))
                .contains(new Principal("cadre:c-0001", Role.CADRE, null, "370602"));
    }

    @Test
    void bindsADepartmentPrincipalToItsDepartment() {
        apply(key("department:civil-affairs"), PrincipalEntries.department("civil-affairs", "k-civil"));
        ObjectNode withoutField = PrincipalEntries.principal("department:health", "DEPARTMENT", "k-health");

        apply(key("department:health"), withoutField);

        assertThat(view.findByKeyHash(KeyHash.of("k-civil")).map(Principal::department)).contains("civil-affairs");
        assertThat(view.findByKeyHash(KeyHash.of("k-health")).map(Principal::department)).contains("health");
    }

    @Test
    void rotationRetiresTheOldKey() {
        ObjectNode first = PrincipalEntries.cadre("c-7", "old-key", "370602");
        apply(key("cadre:c-7"), first);

        apply(key("cadre:c-7"), PrincipalEntries.revised(first, "keyHash", KeyHash.of("new-key")));

        assertThat(view.findByKeyHash(KeyHash.of("old-key"))).isEmpty();
        assertThat(view.findByKeyHash(KeyHash.of("new-key")).map(Principal::id)).contains("cadre:c-7");
        assertThat(view.size()).isEqualTo(1);
    }

    @Test
    void deactivationRevokesTheKey() {
        ObjectNode active = PrincipalEntries.principal("ops:night", "OPS", "k-ops");
        apply(key("ops:night"), active);

        apply(key("ops:night"), PrincipalEntries.revised(active, "active", false));

        assertThat(view.findByKeyHash(KeyHash.of("k-ops"))).isEmpty();
    }

    @Test
    void tombstoneRevokesTheKey() {
        apply(key("admin:root"), PrincipalEntries.principal("admin:root", "ADMIN", "k-admin"));

        apply(key("admin:root"), null);

        assertThat(view.findByKeyHash(KeyHash.of("k-admin"))).isEmpty();
        assertThat(view.size()).isZero();
    }

    @Test
    void unreadableUpdateRevokesRatherThanKeepingTheOldKey() {
        ObjectNode active = PrincipalEntries.principal("admin:root", "ADMIN", "k-admin");
        apply(key("admin:root"), active);

        apply(key("admin:root"), PrincipalEntries.revised(active, "role", "SUPERUSER"));

        assertThat(view.findByKeyHash(KeyHash.of("k-admin"))).isEmpty();
    }

    @Test
    void rotatingOnePrincipalNeverRevokesAnotherHoldingTheSameHash() {
        ObjectNode first = PrincipalEntries.principal("ops:a", "OPS", "shared");
        apply(key("ops:a"), first);
        apply(key("ops:b"), PrincipalEntries.principal("ops:b", "OPS", "shared"));

        apply(key("ops:a"), PrincipalEntries.revised(first, "keyHash", KeyHash.of("a-only")));

        assertThat(view.findByKeyHash(KeyHash.of("shared")).map(Principal::id)).contains("ops:b");
    }

    @Test
    void holdsPrincipalsOnly() {
        assertThat(entries.kinds()).containsExactly(EntryKind.PRINCIPAL);
    }

    private void apply(String key, JsonNode value) {
        entries.apply(RegistryEntry.read(key, value == null ? null : value.toString()).orElseThrow());
    }
}
