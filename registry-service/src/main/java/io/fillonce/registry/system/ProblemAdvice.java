package io.fillonce.registry.system;

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
 * The registry's own exceptions as RFC 9457 problems; what every service answers alike (bad input, identity, roles,
 * the data store, concurrent changes) is service-web's {@code ConventionalProblems}, after this.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ProblemAdvice {

    @ExceptionHandler
    ResponseEntity<ProblemDetail> incompatible(Incompatible e) {
        ProblemDetail problem = problem(HttpStatus.CONFLICT, "incompatible", e.getMessage(),
                e.problems().size() == 1 ? "1 reason." : e.problems().size() + " reasons.");
        problem.setProperty("errors", e.problems());
        e.properties().forEach(problem::setProperty);
        return respond(problem);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> brokerUnavailable(BrokerUnavailable e) {
        return respondLater(problem(HttpStatus.SERVICE_UNAVAILABLE, "broker-unavailable", "Broker unavailable",
                e.getMessage()), 2);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> alreadyExists(AlreadyExists e) {
        return respond(problem(HttpStatus.CONFLICT, "already-exists", "Already exists", e.getMessage()));
    }

    /** The caller's role reaches the endpoint but not this resource or step. */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> forbidden(Forbidden e) {
        return respond(problem(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", e.getMessage()));
    }
}
