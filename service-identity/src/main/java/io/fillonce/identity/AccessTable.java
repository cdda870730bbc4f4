package io.fillonce.identity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The one role table (contracts/access-rules.yaml, the same file the gateway enforces), enforced again by every
 * service from the verified token's role: defence in depth, so a request that reached a service's port some other
 * way than through the gateway's checks still gets only what its role may. The first rule whose pattern matches and
 * whose methods include the request's method decides; a department-scoped rule also needs the {@code {department}}
 * in the path to be a DEPARTMENT caller's own (the other roles it lists, such as ADMIN, are bound to no department).
 */
final class AccessTable {

    static final String RESOURCE = "fillonce/contracts/access-rules.yaml";
    private static final String RULES = "fillonce.access.rules";

    private record Rule(PathPattern pattern, Set<String> methods, Set<String> roles, boolean ownDepartmentOnly) {
    }

    private final List<Rule> rules;

    private AccessTable(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** The table on the classpath; a missing or empty one stops the service (it would refuse everything). */
    static AccessTable load() {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new ClassPathResource(RESOURCE));
        Properties table = yaml.getObject();
        List<Rule> rules = new ArrayList<>();
        for (int i = 0; table != null && table.containsKey(RULES + "[" + i + "].path-pattern"); i++) {
            String at = RULES + "[" + i + "].";
            rules.add(new Rule(PathPatternParser.defaultInstance.parse(table.getProperty(at + "path-pattern")),
                    list(table, at + "methods"), list(table, at + "roles"),
                    Boolean.parseBoolean(table.getProperty(at + "own-department-only", "false"))));
        }
        if (rules.isEmpty()) {
            throw new IllegalStateException("the role table " + RESOURCE + " is missing or empty");
        }
        return new AccessTable(rules);
    }

    /** Why the caller may not make this request, or null when the table allows it. */
    String refusal(String method, String path, VerifiedCaller caller) {
        PathContainer container = PathContainer.parsePath(path);
        for (Rule rule : rules) {
            if (!rule.pattern().matches(container) || !rule.methods().isEmpty() && !rule.methods().contains(method)) {
                continue;
            }
            if (!rule.roles().contains(caller.role())) {
                return "role " + caller.role() + " may not use " + method + " " + rule.pattern().getPatternString()
                        + "; allowed roles: " + rule.roles().stream().sorted().toList();
            }
            if (rule.ownDepartmentOnly() && "DEPARTMENT".equals(caller.role())) {
                PathPattern.PathMatchInfo match = rule.pattern().matchAndExtract(container);
                String department = match == null ? null : match.getUriVariables().get("department");
                if (department == null || !department.equals(caller.department())) {
                    return caller.principal() + " may only use its own department's resources under "
                            + rule.pattern().getPatternString();
                }
            }
            return null;
        }
        return "no rule of the role table lets anyone " + method + " " + path;
    }

    private static Set<String> list(Properties table, String key) {
        Set<String> values = new TreeSet<>();
        for (int i = 0; table.containsKey(key + "[" + i + "]"); i++) {
            values.add(table.getProperty(key + "[" + i + "]").strip().toUpperCase(Locale.ROOT));
        }
        if (values.isEmpty() && table.containsKey(key)) {
            values.addAll(Arrays.stream(table.getProperty(key).split(",")).map(String::strip)
                    .map(value -> value.toUpperCase(Locale.ROOT)).collect(Collectors.toSet()));
        }
        return values;
    }
}
