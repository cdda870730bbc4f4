package io.fillonce.sync.webhook;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How webhooks are delivered. {@code allowLoopback} lets URLs that resolve to loopback addresses through (the local
 * stack and tests only; private and link-local addresses stay refused). Each round of a delivery is up to
 * {@code maxAttempts} tries with exponential backoff and jitter from {@code initialBackoff} up to {@code maxBackoff}
 * (a Retry-After is honoured up to {@code maxBackoff}); a message the endpoint refuses {@code maxAttempts} times in
 * all is a dead letter, while tries that find the department unavailable are not counted. The department's circuit
 * breaker stays open for {@code breakerWait}, which is also how long the worker pauses before it tries again.
 */
@ConfigurationProperties("fillonce.sync.webhooks")
public record WebhookSettings(@DefaultValue("false") boolean allowLoopback,
        @DefaultValue("2s") Duration connectTimeout, @DefaultValue("10s") Duration readTimeout,
        @DefaultValue("5") int maxAttempts, @DefaultValue("1s") Duration initialBackoff,
        @DefaultValue("60s") Duration maxBackoff, @DefaultValue("30s") Duration breakerWait) {
}
