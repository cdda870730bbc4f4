package io.fillonce.local.manifests;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a service reads from its environment and where it serves its probes, read from its
 * src/main/resources/application.yml: each {@code ${NAME...}} placeholder is a variable it reads.
 */
final class ServiceSettings {

    static final List<String> SERVICES = List.of("registry-service", "intake-service", "sync-service", "gateway");

    /** Blank means "off" for these (no OTLP export, no SSO, plain log lines...): a deploy may leave them unset. */
    static final Set<String> OPTIONAL_WHEN_BLANK = Set.of("FILLONCE_LOG_FORMAT", "FILLONCE_OTLP_TRACES_ENDPOINT",
            "FILLONCE_KAFKA_DEPARTMENT_BOOTSTRAP_SERVERS", "FILLONCE_SYNC_STATE_DIR", "FILLONCE_TRACE_LINK",
            "FILLONCE_JWT_ISSUER_URI", "FILLONCE_JWT_JWK_SET_URI", "FILLONCE_JWT_BROWSER_CLIENT_ID",
            "GATEWAY_ALLOWED_ORIGINS", "GATEWAY_TRUSTED_PROXIES");

    /** Defaults that suit the local stack only: the brokers require SASL, and topics need three replicas. */
    static final Set<String> LOCAL_ONLY_DEFAULTS = Set.of("FILLONCE_KAFKA_SECURITY_PROTOCOL",
            "FILLONCE_TOPIC_REPLICATION");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(}|:}|:([^}$]*))");

    private final String service;
    private final Map<String, String> defaults;
    private final Map<String, Object> yaml;

    private ServiceSettings(String service, Map<String, String> defaults, Map<String, Object> yaml) {
        this.service = service;
        this.defaults = defaults;
        this.yaml = yaml;
    }

    static ServiceSettings of(String service) {
        Path file = Repository.ROOT.resolve(service).resolve("src/main/resources/application.yml");
        Map<String, String> defaults = new LinkedHashMap<>();
        Matcher matcher = PLACEHOLDER.matcher(Repository.read(file));
        while (matcher.find()) {
            String value = matcher.group(2).equals("}") ? null : matcher.group(3) == null ? "" : matcher.group(3);
            defaults.putIfAbsent(matcher.group(1), value);
        }
        if (defaults.isEmpty()) {
            throw new AssertionError(file + " reads no environment variable: the pattern no longer matches");
        }
        return new ServiceSettings(service, defaults, Repository.documents(file).get(0));
    }

    String service() {
        return service;
    }

    Set<String> reads() {
        return Collections.unmodifiableSet(defaults.keySet());
    }

    /**
     * What a deploy must set: placeholders without a default, or with a blank one the service refuses to start
     * with (identity, keys, Kafka credentials); defaults that point at the loopback address (the local stack's
     * Kafka, MongoDB, upstreams); and the local-only defaults above.
     */
    Set<String> required() {
        Set<String> required = new TreeSet<>();
        defaults.forEach((name, value) -> {
            boolean blank = value == null || value.isEmpty();
            boolean loopback = value != null && (value.contains("127.0.0.1") || value.contains("localhost"));
            if ((blank && !OPTIONAL_WHEN_BLANK.contains(name)) || loopback || LOCAL_ONLY_DEFAULTS.contains(name)) {
                required.add(name);
            }
        });
        return required;
    }

    /** The variable that sets the main port (server.port) and its default. */
    Port serverPort() {
        return port("server.port");
    }

    /** The actuator's own port (management.server.port), or the main port when it has none. */
    Port managementPort() {
        return Tree.at(yaml, "management.server.port") == null ? serverPort() : port("management.server.port");
    }

    /** Paths served on the main port that a probe may ask: /livez and /readyz where Boot adds them. */
    Set<String> probePathsOnServerPort() {
        Object added = Tree.at(yaml, "management.endpoint.health.probes.add-additional-paths");
        return Boolean.TRUE.equals(added) ? Set.of("/livez", "/readyz") : Set.of();
    }

    private Port port(String key) {
        Matcher matcher = PLACEHOLDER.matcher(String.valueOf(Tree.at(yaml, key)));
        if (!matcher.find() || matcher.group(3) == null) {
            throw new AssertionError(service + "'s " + key + " is not ${VARIABLE:default}");
        }
        return new Port(matcher.group(1), Integer.parseInt(matcher.group(3)));
    }

    record Port(String variable, int defaultValue) {

        /** The port a container runs on, given the variables it is set. */
        int in(Map<String, String> environment) {
            String value = environment.get(variable);
            return value == null ? defaultValue : Integer.parseInt(value);
        }
    }
}
