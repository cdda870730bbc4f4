package io.fillonce.registry.principal;

import java.util.List;
import java.util.regex.Pattern;

import io.fillonce.registry.system.Problems;
import io.fillonce.web.FieldProblem;

/** Admin and ops principals: a well-formed id, a name, and role ADMIN or OPS (the others have their own endpoints). */
final class PrincipalRules {

    private static final Pattern ID = Pattern.compile("^[a-z][a-z0-9-]{0,62}$");

    private PrincipalRules() {
    }

    static List<FieldProblem> check(PrincipalRequest request) {
        Problems problems = new Problems();
        if (request.id() == null || !ID.matcher(request.id()).matches()) {
            problems.add("/id", request.id() == null ? "required" : "pattern", "id must match " + ID.pattern()
                    + ", e.g. \"li-ming\" (the principal becomes <role>:<id>)");
        }
        if (!Problems.hasText(request.name())) {
            problems.add("/name", "required", "name is required, e.g. \"Li Ming\"");
        }
        if (!"ADMIN".equals(request.role()) && !"OPS".equals(request.role())) {
            problems.add("/role", "enum", "role must be ADMIN or OPS; departments and cadres are created with "
                    + "POST /api/registry/departments and /api/registry/cadres");
        }
        return problems.list();
    }
}
