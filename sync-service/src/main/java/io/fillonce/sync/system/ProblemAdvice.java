package io.fillonce.sync.system;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import static io.fillonce.web.ProblemResponses.problem;
import static io.fillonce.web.ProblemResponses.respond;
import static io.fillonce.web.ProblemResponses.respondLater;

/**
 * Sync's own exceptions as RFC 9457 problems; what every service answers alike (bad input, identity, roles, the
 * data store) is service-web's {@code ConventionalProblems}, after this.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ProblemAdvice {

    private final Forwarding forwarding = new Forwarding();

    /** Not an error: the entity lives on another instance, which answers the same request. */
    @ExceptionHandler
    ResponseEntity<?> elsewhere(Elsewhere e, HttpServletRequest request) {
        try {
            return forwarding.forward(e, request);
        }
        catch (Unavailable unavailable) {
            return unavailable(unavailable);
        }
    }

    /** Sync cannot answer right now (the fan-out's state moving between instances, Kafka away, an access that could not be audited): try again. */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> unavailable(Unavailable e) {
        return respondLater(problem(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "Try again shortly",
                e.getMessage()), 2);
    }
}
