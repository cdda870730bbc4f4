package io.fillonce.gateway.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.fillonce.gateway.principal.Principal;
import io.fillonce.gateway.principal.Role;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;

class AccessRulesTests {

    private final AccessRules rules = new AccessRules(new AccessSettings(List.of(
            new AccessRule("/api/registry/**", Set.of(), Set.of(Role.ADMIN), false),
            new AccessRule("/api/records/*/batch", Set.of(HttpMethod.POST), Set.of(Role.CADRE), false),
            new AccessRule("/api/records/**", Set.of(), Set.of(Role.CADRE, Role.ADMIN), false),
            new AccessRule("/api/ops/flows", Set.of(HttpMethod.GET), Set.of(Role.OPS, Role.ADMIN), false))));

    @Test
    void theFirstMatchingRuleDecides() {
        assertThat(rule("POST", "/api/records/resident/batch").map(AccessRule::roles)).contains(Set.of(Role.CADRE));
        assertThat(rule("GET", "/api/records/resident/batch").map(AccessRule::roles))
                .contains(Set.of(Role.CADRE, Role.ADMIN));
    }

    @Test
    void aDoubleStarPatternCoversThePrefixAndEverythingBelow() {
        assertThat(rule("GET", "/api/registry")).isPresent();
        assertThat(rule("PUT", "/api/registry/record-types/resident")).isPresent();
        assertThat(rule("GET", "/api/registryx")).isEmpty();
    }

    @Test
    void deniesByDefault() {
        assertThat(rule("GET", "/api/unknown")).isEmpty();
        assertThat(rule("GET", "/api/ops/dead-letters")).isEmpty();
        assertThat(rule("DELETE", "/api/ops/flows")).as("method not listed").isEmpty();
        assertThat(new AccessRules(new AccessSettings(null)).ruleFor(PathContainer.parsePath("/api/records/x"),
                HttpMethod.GET)).isEmpty();
    }

    @Test
    void aRuleAllowsOnlyItsRoles() {
        AccessRule registry = rule("GET", "/api/registry/departments").orElseThrow();

        assertThat(registry.allows(Role.ADMIN)).isTrue();
        assertThat(registry.allows(Role.CADRE)).isFalse();
        assertThat(registry.allows(Role.OPS)).isFalse();
    }

    @Test
    void aDepartmentScopedRuleAdmitsOnlyThePrincipalsOwnDepartment() {
        AccessRule feeds = new AccessRule("/api/feeds/{department}/**", Set.of(HttpMethod.GET),
                Set.of(Role.DEPARTMENT), true);
        Principal civil = new Principal("department:civil-affairs", Role.DEPARTMENT, "civil-affairs", null);
        Principal unbound = new Principal("ops:x", Role.DEPARTMENT, null, null);

        assertThat(feeds.allowsObject(PathContainer.parsePath("/api/feeds/civil-affairs"), civil)).isTrue();
        assertThat(feeds.allowsObject(PathContainer.parsePath("/api/feeds/civil-affairs/x"), civil)).isTrue();
        assertThat(feeds.allowsObject(PathContainer.parsePath("/api/feeds/health"), civil)).isFalse();
        assertThat(feeds.allowsObject(PathContainer.parsePath("/api/feeds/CIVIL-AFFAIRS"), civil)).isFalse();
        assertThat(feeds.allowsObject(PathContainer.parsePath("/api/feeds/civil-affairs"), unbound)).isFalse();
        assertThatIllegalArgumentException().isThrownBy(() -> new AccessRule("/api/feeds/**", null,
                Set.of(Role.DEPARTMENT), true)).withMessageContaining("{department}");
    }

    @Test
    void aDepartmentScopedRuleBindsDepartmentsButNotTheAdminsItLists() {
        AccessRule kit = new AccessRule("/api/kit/{department}/**", Set.of(HttpMethod.GET),
                Set.of(Role.DEPARTMENT, Role.ADMIN), true);
        Principal admin = new Principal("admin:a", Role.ADMIN, null, null);
        Principal health = new Principal("department:health", Role.DEPARTMENT, "health", null);

        assertThat(kit.allowsObject(PathContainer.parsePath("/api/kit/civil-affairs"), admin)).isTrue();
        assertThat(kit.allowsObject(PathContainer.parsePath("/api/kit/civil-affairs"), health)).isFalse();
        assertThat(kit.allowsObject(PathContainer.parsePath("/api/kit/health/kit.zip"), health)).isTrue();
    }

    @Test
    void refusesRulesThatCannotBeEnforced() {
        assertThatIllegalArgumentException().isThrownBy(() -> new AccessRule("/api/x/**", null, Set.of(), false))
                .withMessageContaining("roles");
        assertThatIllegalArgumentException().isThrownBy(() -> new AccessRule("api/x", null, Set.of(Role.OPS), false))
                .withMessageContaining("path-pattern");
    }

    @Test
    void onlyPlainPathsAreAccepted() {
        assertThat(PlainPaths.isPlain(PathContainer.parsePath("/api/records/resident/370602"))).isTrue();
        assertThat(PlainPaths.isPlain(PathContainer.parsePath("/api/feeds/../ops/dead-letters"))).isFalse();
        assertThat(PlainPaths.isPlain(PathContainer.parsePath("/api/feeds/%2e%2e/ops"))).isFalse();
        assertThat(PlainPaths.isPlain(PathContainer.parsePath("/api/feeds/a%2Fb"))).isFalse();
        assertThat(PlainPaths.isPlain(PathContainer.parsePath("/api/feeds;x=1/civil"))).isFalse();
        assertThat(PlainPaths.isPlain(PathContainer.parsePath("/api//ops"))).isFalse();
    }

    private Optional<AccessRule> rule(String method, String path) {
        return rules.ruleFor(PathContainer.parsePath(path), HttpMethod.valueOf(method));
    }
}
