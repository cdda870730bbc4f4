package io.fillonce.registry.department;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.regex.Pattern;

import io.fillonce.registry.system.FieldProblem;
import io.fillonce.registry.system.Problems;

/** A department needs a code usable in a topic name, a name, and (if given) an absolute http(s) webhook URL. */
final class DepartmentRules {

    private static final Pattern CODE = Pattern.compile("^[a-z][a-z0-9-]{0,62}$");

    private DepartmentRules() {
    }

    static List<FieldProblem> check(DepartmentRequest request) {
        Problems problems = new Problems();
        if (request.code() == null) {
            problems.add("/code", "required", "code is required, e.g. \"civil-affairs\"");
        }
        else if (!CODE.matcher(request.code()).matches()) {
            problems.add("/code", "pattern", "code must match " + CODE.pattern()
                    + " (it becomes part of the topic name fillonce.dept.<code>)");
        }
        if (!Problems.hasText(request.name())) {
            problems.add("/name", "required", "name is required, e.g. \"Civil Affairs Bureau\"");
        }
        if (request.webhook() != null && !isHttpUrl(request.webhook().url())) {
            problems.add("/webhook/url", "format", "webhook url must be an absolute http or https URL, "
                    + "e.g. \"https://dept.example/hooks/fillonce\"");
        }
        return problems.list();
    }

    private static boolean isHttpUrl(String url) {
        if (url == null) {
            return false;
        }
        try {
            URI uri = new URI(url);
            return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && Problems.hasText(uri.getHost());
        }
        catch (URISyntaxException e) {
            return false;
        }
    }
}
