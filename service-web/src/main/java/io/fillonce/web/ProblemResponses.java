package io.fillonce.web;

import java.net.URI;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * How every problem of the services is written (RFC 9457 {@code application/problem+json}): a {@code type} under
 * {@value #TYPES}, a short {@code title}, the {@code detail} a person can act on. A service's own advice builds its
 * domain problems here too, so they look like the conventional ones.
 */
public final class ProblemResponses {

    public static final String TYPES = "https://fillonce.io/problems/";

    private ProblemResponses() {
    }

    /** {@code type}: the last segment of the problem's type URI, e.g. {@code not-found}. */
    public static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPES + type));
        problem.setTitle(title);
        return problem;
    }

    public static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /** A problem the client may simply retry after {@code seconds} (503, 409 in flight, 429). */
    public static ResponseEntity<ProblemDetail> respondLater(ProblemDetail problem, int seconds) {
        return ResponseEntity.status(problem.getStatus()).header(HttpHeaders.RETRY_AFTER, Integer.toString(seconds))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
