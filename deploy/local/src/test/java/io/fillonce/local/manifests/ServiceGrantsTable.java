package io.fillonce.local.manifests;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rows of registry-service's ServiceGrants table (what each service's principal may do on the broker), read from
 * its source: {@code new Grant("principal", TYPE, PATTERN, name, List.of(OPERATIONS))}, the name a string, a
 * constant of the class, or a constant plus a string.
 */
final class ServiceGrantsTable {

    static final Path SOURCE = Repository.ROOT
            .resolve("registry-service/src/main/java/io/fillonce/registry/kafka/ServiceGrants.java");

    /** Where the registry topic's name is written once (ServiceGrants refers to it as RegistryTopic.NAME). */
    static final Path REGISTRY_TOPIC = Repository.ROOT
            .resolve("registry-feed/src/main/java/io/fillonce/registryfeed/RegistryTopic.java");

    private static final Pattern CONSTANT = Pattern.compile("static final String (\\w+) = \"([^\"]*)\";");
    private static final Pattern ALIAS = Pattern.compile("static final String (\\w+) = RegistryTopic\\.(\\w+);");

    private static final Pattern GRANT = Pattern.compile("new Grant\\(\"([^\"]+)\", (\\w+), (\\w+), ([^,]+), "
            + "List\\.of\\(([A-Z_, ]+)\\)\\)");

    private ServiceGrantsTable() {
    }

    /** One ACL: a principal may do one operation on a resource (Kafka's names: TOPIC, PREFIXED, DESCRIBE...). */
    record Acl(String principal, String resourceType, String patternType, String resource, String operation) {
    }

    static List<Acl> rows() {
        String source = Repository.read(SOURCE).replaceAll("\\s+", " ");
        Map<String, String> constants = new HashMap<>();
        Matcher constant = CONSTANT.matcher(source);
        while (constant.find()) {
            constants.put(constant.group(1), constant.group(2));
        }
        Map<String, String> registryTopic = new HashMap<>();
        Matcher named = CONSTANT.matcher(Repository.read(REGISTRY_TOPIC).replaceAll("\\s+", " "));
        while (named.find()) {
            registryTopic.put(named.group(1), named.group(2));
        }
        Matcher alias = ALIAS.matcher(source);
        while (alias.find()) {
            if (!registryTopic.containsKey(alias.group(2))) {
                throw new AssertionError(REGISTRY_TOPIC + " has no constant " + alias.group(2));
            }
            constants.put(alias.group(1), registryTopic.get(alias.group(2)));
        }
        List<Acl> acls = new ArrayList<>();
        Matcher grant = GRANT.matcher(source);
        int grants = 0;
        while (grant.find()) {
            grants++;
            String resource = resolve(grant.group(4).trim(), constants);
            for (String operation : grant.group(5).split(",")) {
                acls.add(new Acl(grant.group(1), grant.group(2), grant.group(3), resource, operation.trim()));
            }
        }
        int written = source.split("new Grant\\(", -1).length - 1;
        if (grants == 0 || grants != written) {
            throw new AssertionError(SOURCE + ": read " + grants + " of its " + written + " Grant rows; the table's "
                    + "shape changed, change this reader with it");
        }
        return acls;
    }

    private static String resolve(String expression, Map<String, String> constants) {
        StringBuilder value = new StringBuilder();
        for (String part : expression.split("\\+")) {
            String term = part.trim();
            if (term.startsWith("\"") && term.endsWith("\"")) {
                value.append(term, 1, term.length() - 1);
            }
            else if (constants.containsKey(term)) {
                value.append(constants.get(term));
            }
            else {
                throw new AssertionError(SOURCE + ": cannot read the resource name " + expression);
            }
        }
        return value.toString();
    }
}
