package io.fillonce.gateway.problem;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * A streamed (chunked) request body grew past its limit while the gateway was passing it on. The circuit breakers
 * ignore it (it is the client's fault, not the service's) and it ends as a 413 problem.
 */
public class PayloadTooLargeException extends ResponseStatusException {

    private final long limit;

    public PayloadTooLargeException(long limit) {
        super(HttpStatus.CONTENT_TOO_LARGE, "The request body exceeds " + limit + " bytes.");
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }
}
