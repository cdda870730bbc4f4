package io.fillonce.sync.registry;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.fillonce.contracts.trust.SealedSecrets;
import io.fillonce.fieldrules.CodeTable;
import io.fillonce.fieldrules.FieldMapping;
import io.fillonce.fieldrules.Filter;
import io.fillonce.fieldrules.InvalidMapping;
import tools.jackson.databind.JsonNode;

/** Reads the {@code state} of registry entries (contracts/schemas/registry-entry.schema.json) into view objects. */
final class RegistryEntryReader {

    /** Department codes name Kafka topics, so they must stay within the registry's pattern. */
    private static final Pattern DEPARTMENT_CODE = Pattern.compile("^[a-z][a-z0-9-]{0,62}$");
    private static final Pattern SECRET = Pattern.compile("^whsec_[A-Za-z0-9+/=]{24,}$");

    private RegistryEntryReader() {
    }

    static Subscription subscription(JsonNode state) {
        String department = text(state, "department");
        if (!DEPARTMENT_CODE.matcher(department).matches()) {
            throw new InvalidMapping("department '" + department + "' is not a valid department code");
        }
        Set<String> channels = state.path("channels").valueStream().map(JsonNode::asString).collect(Collectors.toSet());
        return new Subscription(text(state, "id"), state.path("version").asInt(1), department,
                text(state, "recordType"), text(state, "purpose"),
                text(state, "legalBasis"), FieldMapping.parse(state.path("fields")), Filter.parse(state.get("filter")),
                channels, "CLEAR".equals(state.path("subjects").asString("")), status(state), since(state),
                state.path("resyncVersion").isInt() ? state.get("resyncVersion").intValue() : null);
    }

    private static Subscription.Status status(JsonNode state) {
        String status = state.path("status").asString("ACTIVE");
        try {
            return Subscription.Status.valueOf(status);
        }
        catch (IllegalArgumentException e) {
            throw new InvalidMapping("'status' must be ACTIVE, SUSPENDED or ENDED, not '" + status + "'");
        }
    }

    private static Instant since(JsonNode state) {
        JsonNode since = state.path("statusSince");
        if (!since.isString()) {
            return null;
        }
        try {
            return Instant.parse(since.asString());
        }
        catch (DateTimeParseException e) {
            throw new InvalidMapping("'statusSince' is not an ISO-8601 instant: " + since.asString());
        }
    }

    static CodeTable codeTable(JsonNode state) {
        JsonNode entries = state.path("entries");
        if (!entries.isObject()) {
            throw new InvalidMapping("a code table's 'entries' must be an object");
        }
        Map<String, String> codes = new LinkedHashMap<>();
        entries.properties().forEach(entry -> codes.put(entry.getKey(), entry.getValue().asString()));
        return new CodeTable(text(state, "name"), codes);
    }

    /** {@code sealing} opens the webhook's secrets, which registry-service sealed for this department. */
    static Department department(JsonNode state, SealedSecrets sealing) {
        String code = text(state, "code");
        return new Department(code, state.path("name").asString(""), webhook(state.path("webhook"), code, sealing));
    }

    private static Department.Webhook webhook(JsonNode webhook, String department, SealedSecrets sealing) {
        if (webhook.isMissingNode() || webhook.isNull()) {
            return null;
        }
        List<String> secrets;
        try {
            secrets = webhook.path("sealedSecrets").valueStream()
                    .map(sealed -> sealing.open(sealed.asString(), department)).toList();
        }
        catch (IllegalArgumentException e) {
            throw new InvalidMapping("'webhook.sealedSecrets': " + e.getMessage());
        }
        if (secrets.isEmpty() || !secrets.stream().allMatch(secret -> SECRET.matcher(secret).matches())) {
            throw new InvalidMapping("'webhook.sealedSecrets' must hold one or two sealed whsec_ secrets");
        }
        try {
            URI url = new URI(text(webhook, "url"));
            if (!url.isAbsolute() || !List.of("http", "https").contains(url.getScheme()) || url.getHost() == null) {
                throw new InvalidMapping("'webhook.url' must be an absolute http(s) URL");
            }
            return new Department.Webhook(url, secrets, webhook.path("active").asBoolean(true));
        }
        catch (URISyntaxException e) {
            throw new InvalidMapping("'webhook.url' is not a URL: " + e.getMessage());
        }
    }

    private static String text(JsonNode state, String property) {
        JsonNode value = state.path(property);
        if (!value.isString() || value.stringValue().isEmpty()) {
            throw new InvalidMapping("'" + property + "' must be a non-empty string");
        }
        return value.stringValue();
    }
}
