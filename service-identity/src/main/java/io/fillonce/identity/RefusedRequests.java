package io.fillonce.identity;

import java.util.Map;

import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Told of every request the shared role table ({@link AccessTable}) refuses, before its 403 goes out: a service
 * whose reads are audited puts refused reads of an entity into the audit chain with it (docs/conventions.md
 * "Re-sync ids, salted hashes, audit"). An exception it throws (the audit is unavailable) becomes the answer
 * instead of the 403: no refusal goes unaudited. A service without one only answers 403.
 */
@FunctionalInterface
public interface RefusedRequests {

    /** {@code path}: the request path as sent (still percent-encoded), without the context path. */
    void refused(String principal, String method, String path);

    /** A pattern of the paths of reads, e.g. {@code /api/records/{type}/{entityKey}}. */
    static PathPattern readsAt(String pattern) {
        return PathPatternParser.defaultInstance.parse(pattern);
    }

    /** The (decoded) path variables when the request is a GET that {@code reads} matches, else null. */
    static Map<String, String> readOf(String method, String path, PathPattern reads) {
        if (!"GET".equals(method)) {
            return null;
        }
        PathPattern.PathMatchInfo match = reads.matchAndExtract(PathContainer.parsePath(path));
        return match == null ? null : match.getUriVariables();
    }
}
