package io.fillonce.gateway.access;

import org.springframework.http.server.PathContainer;

/**
 * Several path prefixes share one service, and a service may normalise a path the gateway matched literally
 * ({@code /api/feeds/../ops/...}). So an API path must be plain: no dot segments, no encoded slashes or
 * backslashes, no matrix parameters, no empty segments.
 */
final class PlainPaths {

    private PlainPaths() {
    }

    static boolean isPlain(PathContainer path) {
        PathContainer.Element previous = null;
        for (PathContainer.Element element : path.elements()) {
            boolean emptySegment = element instanceof PathContainer.Separator
                    && previous instanceof PathContainer.Separator;
            if (emptySegment || element instanceof PathContainer.PathSegment segment && !isPlain(segment)) {
                return false;
            }
            previous = element;
        }
        return true;
    }

    private static boolean isPlain(PathContainer.PathSegment segment) {
        String decoded = segment.valueToMatch();
        return !decoded.isEmpty() && !decoded.equals(".") && !decoded.equals("..")
                && decoded.indexOf('/') < 0 && decoded.indexOf('\\') < 0
                && segment.value().indexOf(';') < 0 && segment.parameters().isEmpty();
    }
}
