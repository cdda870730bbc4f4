package io.fillonce.gateway.problem;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Every error the gateway itself raises becomes problem+json instead of Boot's default error page: no route
 * (404), unsupported method (405), other client errors with their own status, unreachable or slow services
 * outside a circuit breaker (503/504), anything else (500).
 */
@Component
@Order(-2)
class GatewayErrorHandler implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(GatewayErrorHandler.class);

    private final Problems problems;

    GatewayErrorHandler(Problems problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(failure);
        }
        if (failure instanceof ResponseStatusException status && status.getStatusCode().is4xxClientError()) {
            return clientError(exchange, status);
        }
        ProblemType type = UpstreamFailures.classify(failure);
        if (type != ProblemType.BAD_GATEWAY) {
            return problems.write(exchange, type, UpstreamFailures.describe(type));
        }
        log.error("Request {} {} failed", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), failure);
        return problems.write(exchange, ProblemType.INTERNAL, "The gateway failed to handle this request.");
    }

    private Mono<Void> clientError(ServerWebExchange exchange, ResponseStatusException status) {
        return switch (status.getStatusCode().value()) {
            case 404 -> problems.write(exchange, ProblemType.NOT_FOUND, "No resource at this path.");
            case 405 -> problems.write(exchange, ProblemType.METHOD_NOT_ALLOWED, "This path does not accept "
                    + exchange.getRequest().getMethod() + ".");
            case 413 -> problems.write(exchange, ProblemType.PAYLOAD_TOO_LARGE, UpstreamFailures.describe(
                    ProblemType.PAYLOAD_TOO_LARGE));
            default -> problems.write(exchange, status.getStatusCode(),
                    status.getReason() != null ? status.getReason() : "The request was not accepted.");
        };
    }
}
