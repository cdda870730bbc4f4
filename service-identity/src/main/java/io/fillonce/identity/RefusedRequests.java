package io.fillonce.identity;

import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

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

    /**
     * One kind of read to audit when it is refused: the pattern of its GET paths (e.g.
     * {@code /api/records/{type}/{entityKey}}) and what to record, given the principal and the (decoded) path
     * variables.
     */
    record Read(PathPattern paths, BiConsumer<String, Map<String, String>> audit) {

        public Read(String pattern, BiConsumer<String, Map<String, String>> audit) {
            this(PathPatternParser.defaultInstance.parse(pattern), audit);
        }
    }

    /** Audits a refused GET by the first of {@code reads} whose pattern matches its path; other refusals pass. */
    static RefusedRequests ofReads(List<Read> reads) {
        return (principal, method, path) -> {
            if (!"GET".equals(method)) {
                return;
            }
            PathContainer requested = PathContainer.parsePath(path);
            for (Read read : reads) {
                PathPattern.PathMatchInfo match = read.paths().matchAndExtract(requested);
                if (match != null) {
                    read.audit().accept(principal, match.getUriVariables());
                    return;
                }
            }
        };
    }
}
