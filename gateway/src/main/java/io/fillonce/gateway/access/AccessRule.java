package io.fillonce.gateway.access;

import java.util.Set;

import io.fillonce.gateway.principal.Role;
import org.springframework.http.HttpMethod;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * One line of the role table: requests whose path matches {@code pathPattern} (Spring path pattern, e.g.
 * {@code /api/registry/**}) and whose method is in {@code methods} (empty = any method) are open to {@code roles}.
 */
public record AccessRule(String pathPattern, Set<HttpMethod> methods, Set<Role> roles) {

    public AccessRule {
        if (pathPattern == null || !pathPattern.startsWith("/")) {
            throw new IllegalArgumentException("fillonce.access.rules[].path-pattern must start with '/', got " + pathPattern);
        }
        if (roles == null || roles.isEmpty()) {
            throw new IllegalArgumentException("fillonce.access.rules[].roles must name at least one role for " + pathPattern);
        }
        methods = methods == null ? Set.of() : Set.copyOf(methods);
        roles = Set.copyOf(roles);
        PathPatternParser.defaultInstance.parse(pathPattern);
    }

    PathPattern parsedPattern() {
        return PathPatternParser.defaultInstance.parse(pathPattern);
    }

    boolean appliesTo(HttpMethod method) {
        return methods.isEmpty() || methods.contains(method);
    }

    boolean allows(Role role) {
        return roles.contains(role);
    }
}
