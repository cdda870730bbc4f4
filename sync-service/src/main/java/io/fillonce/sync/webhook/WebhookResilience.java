package io.fillonce.sync.webhook;

import java.util.concurrent.Callable;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;

import org.springframework.stereotype.Component;

/**
 * Resilience4j for webhooks: a retry with exponential backoff and jitter (a department's Retry-After wins, up to
 * the longest backoff) around a circuit breaker per department, which every failed try counts against. Permanent
 * failures are not retried; an open breaker is not retried either: the department's worker pauses and keeps the
 * delivery waiting. Which tries use up a message's budget is the worker's call ({@link DeliveryAttemptFailed.Kind}).
 */
@Component
public class WebhookResilience {

    private static final double MULTIPLIER = 2.0;
    private static final double JITTER = 0.5;

    private final CircuitBreakerRegistry breakers;
    private final RetryConfig retryConfig;

    WebhookResilience(WebhookSettings settings) {
        this.breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindowSize(10).minimumNumberOfCalls(5).failureRateThreshold(50)
                .waitDurationInOpenState(settings.breakerWait()).permittedNumberOfCallsInHalfOpenState(1)
                .recordException(DeliveryAttemptFailed.class::isInstance).build());
        IntervalFunction backoff = IntervalFunction.ofExponentialRandomBackoff(settings.initialBackoff(), MULTIPLIER,
                JITTER, settings.maxBackoff());
        long longest = settings.maxBackoff().toMillis();
        this.retryConfig = RetryConfig.custom().maxAttempts(settings.maxAttempts())
                .retryOnException(e -> e instanceof DeliveryAttemptFailed failed && !failed.permanent())
                .intervalBiFunction((IntervalBiFunction<Object>) (attempt, outcome) -> {
                    if (outcome.isLeft() && outcome.getLeft() instanceof DeliveryAttemptFailed failed
                            && failed.retryAfter() != null) {
                        return Math.min(failed.retryAfter().toMillis(), longest);
                    }
                    return backoff.apply(attempt);
                }).build();
    }

    /** The departments' circuit breakers, named {@code webhook-<code>}. */
    CircuitBreakerRegistry breakers() {
        return breakers;
    }

    /** The department's breaker state as seen here (its worker runs on one instance), or null before its first call. */
    public String breakerState(String department) {
        return breakers.find("webhook-" + department).map(breaker -> breaker.getState().name()).orElse(null);
    }

    <T> Callable<T> guard(String department, Callable<T> tries) {
        Callable<T> broken = breakers.circuitBreaker("webhook-" + department).decorateCallable(tries);
        return Retry.of("webhook-" + department, retryConfig).decorateCallable(broken);
    }
}
