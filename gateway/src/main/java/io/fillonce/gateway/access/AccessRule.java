package io.fillonce.gateway.access;

import java.util.Set;

import io.fillonce.gateway.principal.Principal;
import io.fillonce.gateway.principal.Role;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * One line of the role table: requests whose path matches {@code pathPattern} (Spring path pattern, e.g.
 * {@code /api/registry/**}) and whose method is in {@code methods} (empty = any method) are open to {@code roles}.
 * With {@code ownDepartmentOnly} the pattern names a {@code {department}} variable and a DEPARTMENT principal passes
 * only for its own department (object-level: department A never reads department B's feed); the other roles the rule
 * lists (ADMIN) are bound to no department and pass.
 */
public record AccessRule(String pathPattern, Set<HttpMethod> methods, Set<Role> roles, boolean ownDepartmentOnly) {

    static final String DEPARTMENT_VARIABLE = "department";

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
        if (ownDepartmentOnly && !pathPattern.contains("{" + DEPARTMENT_VARIABLE + "}")) {
            throw new IllegalArgumentException("fillonce.access.rules[].own-department-only needs a {department} "
                    + "variable in the path pattern, got " + pathPattern);
        }
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

    /**
     * False when the rule is department-scoped and {@code path} names another department than the DEPARTMENT
     * principal's.
     */
    boolean allowsObject(PathContainer path, Principal principal) {
        if (!ownDepartmentOnly || principal.role() != Role.DEPARTMENT) {
            return true;
        }
        PathPattern.PathMatchInfo match = parsedPattern().matchAndExtract(path);
        String department = match == null ? null : match.getUriVariables().get(DEPARTMENT_VARIABLE);
        return department != null && department.equals(principal.department());
    }
}
