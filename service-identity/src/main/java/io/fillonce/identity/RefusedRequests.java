package io.fillonce.identity;

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
}
