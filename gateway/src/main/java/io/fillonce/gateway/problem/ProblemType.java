package io.fillonce.gateway.problem;

import java.net.URI;

import org.springframework.http.HttpStatus;

/**
 * The problems the gateway itself answers with; everything else comes from the services unchanged. Those that refuse
 * a client's request name the reason they count under in {@code fillonce.gateway.refused} ({@link Refusals}).
 */
public enum ProblemType {
    BAD_REQUEST(HttpStatus.BAD_REQUEST, "bad-request", "Request not accepted", Refusals.INVALID_TARGET),
    UNAUTHENTICATED(HttpStatus.UNAUTHORIZED, "unauthenticated", "Authentication required", "unauthenticated"),
    FORBIDDEN(HttpStatus.FORBIDDEN, "forbidden", "Not allowed for this role", "forbidden"),
    CORS_REJECTED(HttpStatus.FORBIDDEN, "cors-rejected", "Cross-origin request not allowed", "forbidden"),
    NOT_FOUND(HttpStatus.NOT_FOUND, "not-found", "No such resource", null),
    METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed", "Method not allowed", null),
    PAYLOAD_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Request body too large", "too-large"),
    URI_TOO_LONG(HttpStatus.URI_TOO_LONG, "uri-too-long", "Request target too long", "too-large"),
    HEADERS_TOO_LARGE(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "headers-too-large", "Request headers too large",
            "too-large"),
    TOO_MANY_REQUESTS(HttpStatus.TOO_MANY_REQUESTS, "too-many-requests", "Too many requests", "rate-limited"),
    BAD_GATEWAY(HttpStatus.BAD_GATEWAY, "bad-gateway", "Upstream service failed", null),
    UPSTREAM_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "upstream-unavailable", "Service unavailable", null),
    UPSTREAM_TIMEOUT(HttpStatus.GATEWAY_TIMEOUT, "upstream-timeout", "Service did not answer in time", null),
    INTERNAL(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "Unexpected gateway error", null);

    private static final String BASE = "https://fillonce.io/problems/";

    private final HttpStatus status;
    private final URI type;
    private final String title;
    private final String refusal;

    ProblemType(HttpStatus status, String slug, String title, String refusal) {
        this.status = status;
        this.type = URI.create(BASE + slug);
        this.title = title;
        this.refusal = refusal;
    }

    public HttpStatus status() {
        return status;
    }

    public URI type() {
        return type;
    }

    public String title() {
        return title;
    }

    /** The reason this answer counts under as a refusal of the gateway's own; {@code null} for other answers. */
    public String refusal() {
        return refusal;
    }
}
