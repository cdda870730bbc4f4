package io.fillonce.identity;

/**
 * A request without a valid gateway-signed identity ({@code X-Fillonce-Identity}); the message says why. The
 * {@link IdentityFilter} hands it to the service's {@code HandlerExceptionResolver}, so each service's
 * {@code @RestControllerAdvice} answers it as its own 401 problem.
 */
public class InvalidIdentity extends RuntimeException {

    InvalidIdentity(String reason) {
        super(reason);
    }
}
