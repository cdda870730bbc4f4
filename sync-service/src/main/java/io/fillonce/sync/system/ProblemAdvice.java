package io.fillonce.sync.system;

import java.net.URI;

import io.fillonce.identity.InvalidIdentity;
import io.fillonce.identity.RoleNotAllowed;
import io.fillonce.sync.audit.AuditUnavailable;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Every error this service answers is RFC 9457 {@code application/problem+json}: the domain exceptions below, and
 * Spring MVC's own (unreadable body, unsupported media type, unknown path...) through
 * {@link ResponseEntityExceptionHandler}.
 */
@RestControllerAdvice
class ProblemAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);
    private static final String TYPES = "https://fillonce.io/problems/";

    private final Forwarding forwarding = new Forwarding();

    /** Not an error: the entity lives on another instance, which answers the same request. */
    @ExceptionHandler
    ResponseEntity<?> elsewhere(Elsewhere e, HttpServletRequest request) {
        try {
            return forwarding.forward(e, request);
        }
        catch (Unavailable unavailable) {
            return unavailable(unavailable, request);
        }
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> invalid(InvalidInput e, HttpServletRequest request) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-input", "Invalid request", e, request);
        problem.setProperty("errors", e.errors());
        return respond(problem);
    }

    /** No valid gateway identity: refused by the identity filter, or a controller finds no caller. */
    @ExceptionHandler({ InvalidIdentity.class, Unauthenticated.class })
    ResponseEntity<ProblemDetail> unauthenticated(RuntimeException e, HttpServletRequest request) {
        return respond(problem(HttpStatus.UNAUTHORIZED, "unauthenticated", "Not authenticated", e, request));
    }

    @ExceptionHandler({ Forbidden.class, RoleNotAllowed.class })
    ResponseEntity<ProblemDetail> forbidden(RuntimeException e, HttpServletRequest request) {
        return respond(problem(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", e, request));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> notFound(NotFound e, HttpServletRequest request) {
        return respond(problem(HttpStatus.NOT_FOUND, "not-found", "Not found", e, request));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> conflict(Conflict e, HttpServletRequest request) {
        return respond(problem(HttpStatus.CONFLICT, "conflict", "Conflict", e, request));
    }

    /** Tomcat cannot decode a query parameter (percent-encoded bytes that are not UTF-8): the client's fault. */
    /** Sync cannot answer right now (the fan-out's state moving between instances, Kafka away): try again. */
    @ExceptionHandler({ Unavailable.class, AuditUnavailable.class })
    ResponseEntity<ProblemDetail> unavailable(RuntimeException e, HttpServletRequest request) {
        ProblemDetail problem = problem(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "Try again shortly", e, request);
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "2")
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> undecodable(InvalidParameterException e, HttpServletRequest request) {
        return respond(problem(HttpStatus.BAD_REQUEST, "invalid-input", "Invalid request",
                new IllegalArgumentException("a query parameter is not percent-encoded UTF-8"), request));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> storeDown(DataAccessException e, HttpServletRequest request) {
        log.warn("MongoDB unavailable: {}", e.toString());
        return respond(problem(HttpStatus.SERVICE_UNAVAILABLE, "store-unavailable", "Store unavailable",
                new IllegalStateException("sync's MongoDB cannot be reached; try again shortly"), request));
    }

    /** A body of the wrong shape (a number where text belongs, say) is answered like any invalid input. */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (!(e.getCause() instanceof MismatchedInputException mismatch)) {
            return super.handleHttpMessageNotReadable(e, headers, status, request);
        }
        InvalidInput invalid = InvalidInput.of(pointer(mismatch), "type", mismatch.getOriginalMessage());
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-input", "Invalid request", invalid,
                ((ServletWebRequest) request).getRequest());
        problem.setProperty("errors", invalid.errors());
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static String pointer(JacksonException e) {
        StringBuilder pointer = new StringBuilder();
        for (JacksonException.Reference reference : e.getPath()) {
            String token = reference.getIndex() >= 0 ? Integer.toString(reference.getIndex())
                    : String.valueOf(reference.getPropertyName());
            pointer.append('/').append(InvalidInput.token(token));
        }
        return pointer.toString();
    }

    private static ProblemDetail problem(HttpStatus status, String type, String title, Exception e,
            HttpServletRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, e.getMessage());
        problem.setType(URI.create(TYPES + type));
        problem.setTitle(title);
        problem.setInstance(URI.create(request.getRequestURI()));
        return problem;
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
