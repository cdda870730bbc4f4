package io.fillonce.registry.department;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.regex.Pattern;

import io.fillonce.registry.system.Problems;
import io.fillonce.web.FieldProblem;

/**
 * A department needs a code usable in a topic name, a name, and (if given) an absolute https webhook URL without
 * user info (http only where {@code allowHttp}, i.e. the local stack).
 */
final class DepartmentRules {

    private static final Pattern CODE = Pattern.compile("^[a-z][a-z0-9-]{0,62}$");

    private DepartmentRules() {
    }

    /** {@code code} is the department's code on PUT, null on POST. */
    static List<FieldProblem> check(DepartmentRequest request, String code, boolean allowHttp) {
        Problems problems = new Problems();
        if (code != null) {
            if (request.code() != null && !request.code().equals(code)) {
                problems.add("/code", "const", "code must be '" + code + "' (the code in the path) or left out");
            }
        }
        else if (request.code() == null) {
            problems.add("/code", "required", "code is required, e.g. \"civil-affairs\"");
        }
        else if (!CODE.matcher(request.code()).matches()) {
            problems.add("/code", "pattern", "code must match " + CODE.pattern()
                    + " (it becomes part of the topic name fillonce.dept.<code>)");
        }
        if (!Problems.hasText(request.name())) {
            problems.add("/name", "required", "name is required, e.g. \"Civil Affairs Bureau\"");
        }
        if (request.webhook() != null) {
            checkUrl(request.webhook().url(), allowHttp, problems);
        }
        return problems.list();
    }

    private static void checkUrl(String url, boolean allowHttp, Problems problems) {
        String schemes = allowHttp ? "https (or http)" : "https";
        URI uri = parse(url);
        if (uri == null || !uri.isAbsolute() || !Problems.hasText(uri.getHost())) {
            problems.add("/webhook/url", "format", "webhook url must be an absolute " + schemes
                    + " URL with a host, e.g. \"https://dept.example/hooks/fillonce\"");
            return;
        }
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        boolean http = "http".equalsIgnoreCase(uri.getScheme());
        if (!https && !(http && allowHttp)) {
            problems.add("/webhook/url", "scheme", "webhook url must use " + schemes + "; was '"
                    + uri.getScheme() + "'");
        }
        if (uri.getRawUserInfo() != null) {
            problems.add("/webhook/url", "userinfo", "webhook url must not carry user info (credentials) before "
                    + "the host; deliveries are authenticated by their signature");
        }
    }

    private static URI parse(String url) {
        if (url == null) {
            return null;
        }
        try {
            return new URI(url);
        }
        catch (URISyntaxException e) {
            return null;
        }
    }
}
