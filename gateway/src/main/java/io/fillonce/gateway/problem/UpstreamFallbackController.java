package io.fillonce.gateway.problem;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Where a route's circuit breaker forwards when the call to the service failed (connection refused, timeout,
 * breaker open). Upstream answers, 4xx and 5xx alike, never come here: they are responses, not failures.
 */
@RestController
class UpstreamFallbackController {

    private static final Logger log = LoggerFactory.getLogger(UpstreamFallbackController.class);

    static final String PATH = "/gateway/upstream-failure";

    private final Problems problems;

    UpstreamFallbackController(Problems problems) {
        this.problems = problems;
    }

    @RequestMapping(PATH)
    Mono<Void> upstreamFailed(ServerWebExchange exchange) {
        Throwable failure = exchange.getAttribute(ServerWebExchangeUtils.CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR);
        ProblemType type = failure == null ? ProblemType.NOT_FOUND : UpstreamFailures.classify(failure);
        if (type == ProblemType.NOT_FOUND) {
            return problems.write(exchange, type, "No resource at this path.");
        }
        if (!(failure instanceof CallNotPermittedException)) { // an open breaker is logged once by its transition
            log.warn("{} {} answered {}: {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(),
                    type.status().value(), failure.toString());
        }
        return problems.write(exchange, type, UpstreamFailures.describe(type));
    }
}
