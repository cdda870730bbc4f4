package io.fillonce.registry.system;

import java.net.URI;
import java.util.List;

import io.fillonce.identity.InvalidIdentity;
import io.fillonce.identity.RoleNotAllowed;
import org.apache.tomcat.util.http.InvalidParameterException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Maps domain exceptions (and Spring MVC's own) to RFC 9457 problem details. */
@RestControllerAdvice
class ProblemAdvice extends ResponseEntityExceptionHandler {

    private static final URI VALIDATION = URI.create("https://fillonce.io/problems/validation");
    private static final URI INCOMPATIBLE = URI.create("https://fillonce.io/problems/incompatible");

    @ExceptionHandler
    ProblemDetail invalidInput(InvalidInput e) {
        return validationProblem(e.getMessage(), e.problems());
    }

    @ExceptionHandler
    ProblemDetail incompatible(Incompatible e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                e.problems().size() == 1 ? "1 reason." : e.problems().size() + " reasons.");
        problem.setType(INCOMPATIBLE);
        problem.setTitle(e.getMessage());
        problem.setProperty("errors", e.problems());
        e.properties().forEach(problem::setProperty);
        return problem;
    }

    /** Tomcat cannot decode a query parameter (percent-encoded bytes that are not UTF-8): the client's fault. */
    @ExceptionHandler
    ProblemDetail undecodable(InvalidParameterException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "a query parameter is not percent-encoded UTF-8");
    }

    @ExceptionHandler
    ProblemDetail brokerUnavailable(BrokerUnavailable e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail notFound(NotFound e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail alreadyExists(AlreadyExists e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail conflict(Conflict e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail duplicateKey(DuplicateKeyException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                "the resource was created concurrently by another request; read it and retry");
    }

    @ExceptionHandler
    ProblemDetail changedConcurrently(OptimisticLockingFailureException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                "the resource was changed concurrently by another request; read it again and retry");
    }

    @ExceptionHandler
    ProblemDetail missingIdentity(InvalidIdentity e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail forbidden(Forbidden e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail roleNotAllowed(RoleNotAllowed e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, e.getMessage());
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (e.getCause() instanceof MismatchedInputException mismatch) {
            String rule = mismatch instanceof UnrecognizedPropertyException ? "unknownProperty" : "type";
            FieldProblem problem = new FieldProblem(pointer(mismatch), rule, mismatch.getOriginalMessage());
            return ResponseEntity.unprocessableContent()
                    .body(validationProblem("The request body does not have the expected shape", List.of(problem)));
        }
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "the request body is not readable JSON: " + rootMessage(e));
        return ResponseEntity.badRequest().body(body);
    }

    private static ProblemDetail validationProblem(String title, List<FieldProblem> problems) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT,
                problems.size() == 1 ? "1 input is invalid." : problems.size() + " inputs are invalid.");
        problem.setType(VALIDATION);
        problem.setTitle(title);
        problem.setProperty("errors", problems);
        return problem;
    }

    private static String pointer(JacksonException e) {
        StringBuilder pointer = new StringBuilder();
        for (JacksonException.Reference reference : e.getPath()) {
            pointer.append(reference.getIndex() >= 0
                    ? Problems.child("", reference.getIndex())
                    : Problems.child("", String.valueOf(reference.getPropertyName())));
        }
        return pointer.toString();
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root instanceof JacksonException jackson ? jackson.getOriginalMessage() : root.getMessage();
    }
}
