package io.fillonce.web;

import java.util.List;

import io.fillonce.identity.InvalidIdentity;
import io.fillonce.identity.RoleNotAllowed;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import static io.fillonce.web.ProblemResponses.problem;
import static io.fillonce.web.ProblemResponses.respond;
import static io.fillonce.web.ProblemResponses.respondLater;

/**
 * What every servlet service answers alike (docs/conventions.md "Errors"), as RFC 9457 problem+json: a body that is
 * not JSON (400 {@code malformed-body}), a body of the wrong shape or breaking a rule (422 {@code validation}, every
 * problem in {@code errors}), a missing, mistyped or out-of-range parameter (400 {@code invalid-parameter}, the
 * pointer naming the parameter), no identity (401), a role the table does not allow (403), a method or media type the
 * endpoint does not take (405, 415), a concurrent change (409) and a data store that did not answer (503). Last in
 * line: a service's own advice ({@code @Order(Ordered.HIGHEST_PRECEDENCE)}) answers its domain exceptions first.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class ConventionalProblems extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ConventionalProblems.class);

    @ExceptionHandler
    ResponseEntity<ProblemDetail> invalidInput(InvalidInput e) {
        return respond(validation(e.getMessage(), e.problems()));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> invalidParameter(InvalidParameter e) {
        return respond(invalidParameters(e.getMessage(), e.problems()));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> notFound(NotFound e) {
        return respond(problem(HttpStatus.NOT_FOUND, "not-found", "Not found", e.getMessage()));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> conflict(Conflict e) {
        return respond(problem(HttpStatus.CONFLICT, "conflict", "Conflict", e.getMessage()));
    }

    /** Tomcat cannot decode a query parameter (percent-encoded bytes that are not UTF-8): the client's fault. */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> undecodable(InvalidParameterException e) {
        return respond(invalidParameters("a query parameter is not percent-encoded UTF-8", List.of()));
    }

    /** No valid gateway identity (refused by service-identity's filter). */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> unauthenticated(InvalidIdentity e) {
        return respond(problem(HttpStatus.UNAUTHORIZED, "unauthenticated", "Not authenticated", e.getMessage()));
    }

    /** A verified caller whose role the shared role table does not allow this request. */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> roleNotAllowed(RoleNotAllowed e) {
        return respond(problem(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", e.getMessage()));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> createdConcurrently(DuplicateKeyException e) {
        return respond(problem(HttpStatus.CONFLICT, "conflict", "Conflict",
                "the resource was created concurrently by another request; read it and retry"));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> changedConcurrently(OptimisticLockingFailureException e) {
        return respond(problem(HttpStatus.CONFLICT, "conflict", "Conflict",
                "the resource was changed concurrently by another request; read it again and retry"));
    }

    /** Any other failure of the data store: named as such, whatever the store holds for this request. */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> storeUnavailable(DataAccessException e, HttpServletRequest request) {
        log.warn("The data store failed for {} {}: {}", request.getMethod(), request.getRequestURI(), e.toString());
        return respondLater(problem(HttpStatus.SERVICE_UNAVAILABLE, "store-unavailable", "Store unavailable",
                "this service's data store did not answer (" + e.getClass().getSimpleName() + "); try again shortly"),
                2);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (e.getCause() instanceof MismatchedInputException mismatch) {
            String rule = mismatch instanceof UnrecognizedPropertyException ? "unknownProperty" : "type";
            FieldProblem problem = new FieldProblem(pointer(mismatch), rule, mismatch.getOriginalMessage());
            return body(validation("The request body does not have the expected shape", List.of(problem)));
        }
        return body(problem(HttpStatus.BAD_REQUEST, "malformed-body", "Malformed body",
                "the request body is not readable JSON: " + rootMessage(e)));
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return body(invalidParameters(e.getMessage(), List.of(new FieldProblem(e.getParameterName(), "required",
                "the " + e.getParameterType() + " parameter '" + e.getParameterName() + "' is required"))));
    }

    @Override
    protected ResponseEntity<Object> handleServletRequestBindingException(ServletRequestBindingException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (e instanceof MissingRequestHeaderException missing) {
            return body(invalidParameters(e.getMessage(), List.of(new FieldProblem(missing.getHeaderName(),
                    "required", "the header '" + missing.getHeaderName() + "' is required"))));
        }
        return super.handleServletRequestBindingException(e, headers, status, request);
    }

    /** A path or query parameter that does not convert to its type (a word where a number belongs). */
    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String name = e instanceof MethodArgumentTypeMismatchException mismatch ? mismatch.getName()
                : String.valueOf(e.getPropertyName());
        String wanted = e.getRequiredType() == null ? "another type" : e.getRequiredType().getSimpleName();
        String message = "'" + name + "' must be " + article(wanted) + ", got '" + e.getValue() + "'";
        return body(invalidParameters(message, List.of(new FieldProblem(name, "type", message))));
    }

    /** A parameter breaking its Bean Validation constraint ({@code @Min}, {@code @Max}, ...). */
    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> problems = e.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream().map(error -> new FieldProblem(
                        result.getMethodParameter().getParameterName(), rule(error.getCodes()),
                        "'" + result.getMethodParameter().getParameterName() + "' " + error.getDefaultMessage())))
                .toList();
        return body(invalidParameters(String.join("; ", problems.stream().map(FieldProblem::message).toList()),
                problems));
    }

    @Override
    protected ResponseEntity<Object> handleHttpRequestMethodNotSupported(HttpRequestMethodNotSupportedException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = problem(HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed", "Method not allowed",
                e.getMessage() + "; allowed: " + e.getSupportedHttpMethods());
        return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED).headers(headers).body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
                "Unsupported media type", "the body's Content-Type " + e.getContentType() + " is not one this endpoint "
                        + "takes; it takes " + e.getSupportedMediaTypes());
        return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE).headers(headers).body(problem);
    }

    private static ProblemDetail validation(String title, List<FieldProblem> problems) {
        ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_CONTENT, "validation", title,
                problems.size() == 1 ? "1 input is invalid." : problems.size() + " inputs are invalid.");
        problem.setProperty("errors", problems);
        return problem;
    }

    private static ProblemDetail invalidParameters(String detail, List<FieldProblem> problems) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-parameter", "Invalid parameter", detail);
        if (!problems.isEmpty()) {
            problem.setProperty("errors", problems);
        }
        return problem;
    }

    private static ResponseEntity<Object> body(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }

    private static String pointer(JacksonException e) {
        String pointer = "";
        for (JacksonException.Reference reference : e.getPath()) {
            pointer = reference.getIndex() >= 0 ? FieldProblem.child(pointer, reference.getIndex())
                    : FieldProblem.child(pointer, String.valueOf(reference.getPropertyName()));
        }
        return pointer;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root instanceof JacksonException jackson ? jackson.getOriginalMessage() : root.getMessage();
    }

    /** The constraint's name in lower camel case ({@code Max} → {@code maximum} as JSON Schema says). */
    private static String rule(String[] codes) {
        String constraint = codes == null || codes.length == 0 ? "invalid" : codes[codes.length - 1];
        return switch (constraint) {
            case "Min", "Positive", "PositiveOrZero" -> "minimum";
            case "Max", "Negative", "NegativeOrZero" -> "maximum";
            case "Pattern" -> "pattern";
            case "NotNull", "NotBlank", "NotEmpty" -> "required";
            case "Size" -> "size";
            default -> Character.toLowerCase(constraint.charAt(0)) + constraint.substring(1);
        };
    }

    private static String article(String type) {
        return ("AEIOU".indexOf(type.charAt(0)) >= 0 ? "an " : "a ") + type;
    }
}
