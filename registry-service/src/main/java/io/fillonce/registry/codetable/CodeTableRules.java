package io.fillonce.registry.codetable;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.fillonce.registry.system.Problems;
import io.fillonce.web.FieldProblem;

/** A code table needs a well-formed name and at least one mapping, none of them blank. */
final class CodeTableRules {

    private static final Pattern NAME = Pattern.compile("^[a-z][a-z0-9-]{0,62}$");

    private CodeTableRules() {
    }

    /** {@code name} is the table's name on PUT, null on POST. */
    static List<FieldProblem> check(CodeTableRequest request, String name) {
        Problems problems = new Problems();
        if (name != null) {
            if (request.name() != null && !request.name().equals(name)) {
                problems.add("/name", "const", "name must be '" + name + "' (the name in the path) or left out");
            }
        }
        else if (request.name() == null) {
            problems.add("/name", "required", "name is required, e.g. \"gender-civil\"");
        }
        else if (!NAME.matcher(request.name()).matches()) {
            problems.add("/name", "pattern", "name must match " + NAME.pattern());
        }
        checkEntries(request.entries(), problems);
        return problems.list();
    }

    private static void checkEntries(Map<String, String> entries, Problems problems) {
        if (entries == null || entries.isEmpty()) {
            problems.add("/entries", "minProperties", "entries must map at least one canonical code, "
                    + "e.g. {\"F\": \"2\"}");
            return;
        }
        entries.forEach((canonical, code) -> {
            String pointer = Problems.child("/entries", canonical);
            if (canonical.isBlank()) {
                problems.add(pointer, "propertyNames", "a canonical code must not be blank");
            }
            if (!Problems.hasText(code)) {
                problems.add(pointer, "required", "the department code for '" + canonical + "' must not be blank");
            }
        });
    }
}
