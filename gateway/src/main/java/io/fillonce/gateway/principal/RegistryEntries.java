package io.fillonce.gateway.principal;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

import io.fillonce.registryfeed.EntryKind;
import io.fillonce.registryfeed.RegistryEntry;
import io.fillonce.registryfeed.RegistryEntryHandler;

/**
 * Applies the registry's {@code principal} entries (contracts/schemas/registry-entry.schema.json), as the registry
 * feed hands them over, to the {@link PrincipalView}. It fails closed: a principal entry the gateway cannot read
 * revokes that principal rather than leaving an older key valid.
 */
@Component
class RegistryEntries implements RegistryEntryHandler {

    private static final Pattern KEY_HASH = Pattern.compile("^[0-9a-f]{64}$");
    private static final Logger log = LoggerFactory.getLogger(RegistryEntries.class);

    private final PrincipalView view;

    RegistryEntries(PrincipalView view) {
        this.view = view;
    }

    @Override
    public Set<EntryKind> kinds() {
        return Set.of(EntryKind.PRINCIPAL);
    }

    @Override
    public Map<String, Integer> sizes() {
        return Map.of("activeKeys", view.size());
    }

    @Override
    public void apply(RegistryEntry entry) {
        String id = entry.id();
        JsonNode value = entry.value();
        if (entry.deleted()) {
            view.revoke(id);
            return;
        }
        JsonNode state = value.path("state");
        if (!state.path("active").isBoolean() || !state.path("active").booleanValue()) {
            view.revoke(id);
            return;
        }
        readPrincipal(id, value).ifPresentOrElse(
                principal -> view.activate(principal, state.path("keyHash").asString()),
                () -> view.revoke(id));
    }

    private Optional<Principal> readPrincipal(String id, JsonNode value) {
        JsonNode state = value.path("state");
        String problem = problemWith(id, value, state);
        if (problem != null) {
            log.warn("Ignoring unreadable registry entry principal/{} and revoking that principal: {}", id, problem);
            return Optional.empty();
        }
        Role role = Role.valueOf(state.path("role").asString());
        String department = role == Role.DEPARTMENT ? departmentOf(id, state) : null;
        String region = role == Role.CADRE ? textOrNull(state.path("regionCode")) : null;
        return Optional.of(new Principal(id, role, department, region));
    }

    private static String problemWith(String id, JsonNode value, JsonNode state) {
        if (!EntryKind.PRINCIPAL.wireName().equals(value.path("kind").asString(null))) {
            return "kind is not principal";
        }
        if (!id.equals(state.path("id").asString(null)) || !id.equals(value.path("id").asString(null))) {
            return "id and state.id must both equal the key's id";
        }
        if (!KEY_HASH.matcher(state.path("keyHash").asString("")).matches()) {
            return "state.keyHash must be 64 lower-case hex digits";
        }
        if (!isRole(state.path("role").asString(""))) {
            return "state.role must be one of ADMIN, CADRE, DEPARTMENT, OPS";
        }
        return null;
    }

    private static boolean isRole(String text) {
        for (Role role : Role.values()) {
            if (role.name().equals(text)) {
                return true;
            }
        }
        return false;
    }

    /** A department principal is {@code department:<code>}; {@code state.department} wins when present. */
    private static String departmentOf(String id, JsonNode state) {
        String explicit = textOrNull(state.path("department"));
        return explicit != null ? explicit : id.substring(id.indexOf(':') + 1);
    }

    private static String textOrNull(JsonNode node) {
        return node.isString() && !node.asString().isBlank() ? node.asString() : null;
    }
}
