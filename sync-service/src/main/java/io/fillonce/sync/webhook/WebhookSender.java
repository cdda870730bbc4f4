package io.fillonce.sync.webhook;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.fillonce.sync.registry.Department;
import io.fillonce.sync.registry.RegistryView;
import io.fillonce.telemetry.Traces;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Posts one department message to the department's endpoint (Standard Webhooks 1.0): the mapped JSON, signed with
 * each of its secrets, the event id as {@code webhook-id} on every try. Redirects are never followed. A 410 marks
 * the endpoint inactive here (until the registry publishes another URL) and raises an alert.
 */
@Component
class WebhookSender {

    private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);

    private final RegistryView registry;
    private final WebhookSettings settings;
    private final WebhookUrlGuard guard;
    private final HttpClient http;
    private final Clock clock = Clock.systemUTC();
    private final Set<String> gone = ConcurrentHashMap.newKeySet();

    private final Traces traces;

    WebhookSender(RegistryView registry, WebhookSettings settings, Traces traces) {
        this.registry = registry;
        this.traces = traces;
        this.settings = settings;
        this.guard = new WebhookUrlGuard(settings.allowLoopback());
        this.http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** @throws DeliveryAttemptFailed when this try did not reach the department, saying whose fault that is */
    void send(String department, WebhookMessage message) {
        Department.Webhook webhook = registry.department(department).map(Department::webhook)
                .orElseThrow(() -> DeliveryAttemptFailed.refused("department " + department
                        + " has no webhook registered"));
        if (!webhook.active() || gone.contains(department + "|" + webhook.url())) {
            throw DeliveryAttemptFailed.permanent("webhook endpoint " + webhook.url() + " is inactive");
        }
        guard.check(webhook.url());
        HttpResponse<Void> response = post(webhook, message);
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return;
        }
        if (status == 410) {
            gone.add(department + "|" + webhook.url());
            log.error("ALERT webhook endpoint {} of department {} answered 410 Gone: marked inactive, deliveries "
                    + "dead-lettered until the endpoint is registered again", webhook.url(), department);
            throw DeliveryAttemptFailed.permanent("webhook endpoint answered 410 Gone; marked inactive");
        }
        Duration retryAfter = RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null), clock);
        throw DeliveryAttemptFailed.answered(status, retryAfter);
    }

    private HttpResponse<Void> post(Department.Webhook webhook, WebhookMessage message) {
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest.Builder request = HttpRequest.newBuilder(webhook.url()).timeout(settings.readTimeout())
                .header("content-type", "application/json")
                .header("webhook-id", message.eventId())
                .header("webhook-timestamp", String.valueOf(timestamp))
                .header("webhook-signature",
                        WebhookSigner.signature(webhook.secrets(), message.eventId(), timestamp, message.payload()))
                .header("fillonce-subject", message.sentSubject())
                .header("fillonce-type", message.sentType())
                .POST(HttpRequest.BodyPublishers.ofString(message.payload(), StandardCharsets.UTF_8));
        if (!message.testEvent()) { // a test message is about no subscription and no entity
            request.header("fillonce-subscription", message.subscription())
                    .header("fillonce-purpose", encoded(message.purpose()))
                    .header("fillonce-legal-basis", encoded(message.legalBasis()));
        }
        if (!message.subscriptionEnded() && !message.testEvent()) {
            request.header("fillonce-entity-version", String.valueOf(message.version()));
        }
        if (message.subscriptionVersion() != null) {
            request.header("fillonce-subscription-version", String.valueOf(message.subscriptionVersion()));
        }
        String traceparent = traces.currentTraceparent();
        if (traceparent != null) {
            request.header(Traces.TRACEPARENT, traceparent); // W3C trace context: the receiver may continue the trace
        }
        if (message.resyncOf() != null) {
            request.header("fillonce-resync-of", message.resyncOf());
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.discarding());
        }
        catch (HttpTimeoutException e) {
            throw DeliveryAttemptFailed.unavailable("webhook endpoint timed out: " + e.getMessage());
        }
        catch (IOException e) {
            throw DeliveryAttemptFailed.unavailable("webhook endpoint unreachable: " + e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw DeliveryAttemptFailed.unavailable("interrupted while posting");
        }
    }

    /** Header values are ASCII: purpose and legal basis are sent percent-encoded (UTF-8). */
    private static String encoded(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
