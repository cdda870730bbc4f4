package io.fillonce.registry.cadre;

import java.util.List;
import java.util.regex.Pattern;

import io.fillonce.registry.system.Problems;
import io.fillonce.web.FieldProblem;

/** A cadre needs an id usable in a principal id, a name and a 6-digit region code. */
final class CadreRules {

    private static final Pattern ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$");
    private static final Pattern REGION = Pattern.compile("^[0-9]{6}$");

    private CadreRules() {
    }

    static List<FieldProblem> check(CadreRequest request) {
        Problems problems = new Problems();
        if (request.id() == null) {
            problems.add("/id", "required", "id is required, e.g. \"c-0001\"");
        }
        else if (!ID.matcher(request.id()).matches()) {
            problems.add("/id", "pattern", "id must match " + ID.pattern());
        }
        if (!Problems.hasText(request.name())) {
            problems.add("/name", "required", "name is required, e.g. \"Wang Fang\"");
        }
        if (request.regionCode() == null) {
            problems.add("/regionCode", "required", "regionCode is required: 6 digits, e.g. \"370602\"");
        }
        else if (!REGION.matcher(request.regionCode()).matches()) {
            problems.add("/regionCode", "pattern", "regionCode must be 6 digits, e.g. \"370602\"");
        }
        return problems.list();
    }
}
