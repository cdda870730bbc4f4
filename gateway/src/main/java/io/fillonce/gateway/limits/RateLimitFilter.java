package io.fillonce.gateway.limits;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.fillonce.gateway.access.Principals;
import io.fillonce.gateway.principal.Principal;
import io.fillonce.gateway.problem.ProblemType;
import io.fillonce.gateway.problem.Problems;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Per-principal rate limiting after authentication: one Resilience4j rate limiter per authenticated principal id
 * (and role), sized by role. The key is what the API key proved, never anything else the client sent, so nobody
 * can spend another principal's budget or escape their own. Over the limit: 429 problem with {@code Retry-After}.
 */
@Component
class RateLimitFilter implements WebFilter, Ordered {

    static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 30;

    private final LimitSettings settings;
    private final Problems problems;
    private final Map<String, RateLimiter> limiters = new ConcurrentHashMap<>();

    RateLimitFilter(LimitSettings settings, Problems problems) {
        this.settings = settings;
        this.problems = problems;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        Principal principal = Principals.of(exchange).orElse(null);
        if (principal == null) {
            return chain.filter(exchange);
        }
        RateLimiter limiter = limiterOf(principal);
        if (limiter.acquirePermission()) {
            return chain.filter(exchange);
        }
        long retryAfter = retryAfterSeconds(limiter);
        exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
        return problems.write(exchange, ProblemType.TOO_MANY_REQUESTS, principal.id() + " may send "
                + limiter.getRateLimiterConfig().getLimitForPeriod() + " requests per "
                + limiter.getRateLimiterConfig().getLimitRefreshPeriod() + "; retry after " + retryAfter + " s.");
    }

    private RateLimiter limiterOf(Principal principal) {
        return limiters.computeIfAbsent(principal.id() + "|" + principal.role(), name -> {
            LimitSettings.Rate rate = settings.rateOf(principal.role());
            return RateLimiter.of(name, RateLimiterConfig.custom()
                    .limitForPeriod(rate.limitForPeriod())
                    .limitRefreshPeriod(rate.refreshPeriod())
                    .timeoutDuration(Duration.ZERO)
                    .build());
        });
    }

    private static long retryAfterSeconds(RateLimiter limiter) {
        long nanos = limiter instanceof AtomicRateLimiter atomic
                ? atomic.getDetailedMetrics().getNanosToWait()
                : limiter.getRateLimiterConfig().getLimitRefreshPeriod().toNanos();
        return Math.max(1, Duration.ofNanos(nanos).toSeconds() + (nanos % 1_000_000_000L == 0 ? 0 : 1));
    }
}
