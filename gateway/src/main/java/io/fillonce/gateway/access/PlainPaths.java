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
        return path.elements().stream()
                .filter(PathContainer.PathSegment.class::isInstance)
                .map(PathContainer.PathSegment.class::cast)
                .allMatch(PlainPaths::isPlain);
    }

    private static boolean isPlain(PathContainer.PathSegment segment) {
        String decoded = segment.valueToMatch();
        return !decoded.isEmpty() && !decoded.equals(".") && !decoded.equals("..")
                && decoded.indexOf('/') < 0 && decoded.indexOf('\\') < 0
                && segment.value().indexOf(';') < 0 && segment.parameters().isEmpty();
    }
}
