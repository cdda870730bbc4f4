package io.fillonce.identity;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A servlet app that uses the module as a service does: imports the configuration, answers InvalidIdentity 401 and
 * RoleNotAllowed 403.
 */
@SpringBootApplication
@Import(IdentityConfiguration.class)
class IdentityTestApplication {

    static final String SECRET = "test-identity-secret-not-for-production-0123456789";

    @RestControllerAdvice
    static class Problems {

        @ExceptionHandler
        ProblemDetail unauthenticated(InvalidIdentity e) {
            return ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, e.getMessage());
        }

        @ExceptionHandler
        ProblemDetail forbidden(RoleNotAllowed e) {
            return ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, e.getMessage());
        }
    }
}
