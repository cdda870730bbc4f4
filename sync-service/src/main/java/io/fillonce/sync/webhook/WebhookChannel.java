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
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;

import io.fillonce.sync.delivery.Channel;
import io.fillonce.sync.delivery.Delivery;
import io.fillonce.sync.delivery.DeliveryAttemptFailed;
import io.fillonce.sync.registry.Department;
import io.fillonce.sync.registry.RegistryView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * The webhook channel (Standard Webhooks 1.0): POSTs the mapped JSON to the department's endpoint, signed with
 * each of its secrets, with the event id as {@code webhook-id} on every try. Redirects are never followed. A 410
 * marks the endpoint inactive here (until the registry publishes another URL) and raises an alert.
 */
@Component
class WebhookChannel implements Channel {

    private static final Logger log = LoggerFactory.getLogger(WebhookChannel.class);

    private final RegistryView registry;
    private final WebhookResilience resilience;
    private final WebhookSettings settings;
    private final WebhookUrlGuard guard;
    private final HttpClient http;
    private final Clock clock = Clock.systemUTC();
    private final Set<String> gone = ConcurrentHashMap.newKeySet();

    WebhookChannel(RegistryView registry, WebhookResilience resilience, WebhookSettings settings) {
        this.registry = registry;
        this.resilience = resilience;
        this.settings = settings;
        this.guard = new WebhookUrlGuard(settings.allowLoopback());
        this.http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public String name() {
        return "webhook";
    }

    @Override
    public Callable<Long> guarded(String department, Callable<Long> tries) {
        return resilience.guard(department, tries);
    }

    @Override
    public int retryBudget() {
        return settings.maxAttempts();
    }

    @Override
    public boolean deadLetters() {
        return true;
    }

    @Override
    public Duration pause() {
        return settings.breakerWait();
    }

    @Override
    public Long send(Delivery delivery) {
        Department.Webhook webhook = registry.department(delivery.department()).map(Department::webhook)
                .orElseThrow(() -> DeliveryAttemptFailed.retryable("department " + delivery.department()
                        + " has no webhook registered"));
        if (!webhook.active() || gone.contains(delivery.department() + "|" + webhook.url())) {
            throw DeliveryAttemptFailed.permanent("webhook endpoint " + webhook.url() + " is inactive");
        }
        guard.check(webhook.url());
        HttpResponse<Void> response = post(webhook, delivery);
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return null;
        }
        if (status == 410) {
            gone.add(delivery.department() + "|" + webhook.url());
            log.error("ALERT webhook endpoint {} of department {} answered 410 Gone: marked inactive, deliveries "
                    + "dead-lettered until the endpoint is registered again", webhook.url(), delivery.department());
            throw DeliveryAttemptFailed.permanent("webhook endpoint answered 410 Gone; marked inactive");
        }
        Duration retryAfter = status == 429 || status == 503
                ? RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null), clock) : null;
        throw new DeliveryAttemptFailed("webhook endpoint answered HTTP " + status, false, retryAfter);
    }

    private HttpResponse<Void> post(Department.Webhook webhook, Delivery delivery) {
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest.Builder request = HttpRequest.newBuilder(webhook.url()).timeout(settings.readTimeout())
                .header("content-type", "application/json")
                .header("webhook-id", delivery.eventId())
                .header("webhook-timestamp", String.valueOf(timestamp))
                .header("webhook-signature",
                        WebhookSigner.signature(webhook.secrets(), delivery.eventId(), timestamp, delivery.payload()))
                .header("fillonce-subject", delivery.subject())
                .header("fillonce-entity-version", String.valueOf(delivery.version()))
                .header("fillonce-subscription", delivery.subscription())
                .header("fillonce-purpose", encoded(delivery.purpose()))
                .header("fillonce-legal-basis", encoded(delivery.legalBasis()))
                .POST(HttpRequest.BodyPublishers.ofString(delivery.payload(), StandardCharsets.UTF_8));
        if (delivery.resyncOf() != null) {
            request.header("fillonce-resync-of", delivery.resyncOf());
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.discarding());
        }
        catch (HttpTimeoutException e) {
            throw DeliveryAttemptFailed.retryable("webhook endpoint timed out: " + e.getMessage());
        }
        catch (IOException e) {
            throw DeliveryAttemptFailed.retryable("webhook endpoint unreachable: " + e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw DeliveryAttemptFailed.retryable("interrupted while posting");
        }
    }

    /** Header values are ASCII: purpose and legal basis are sent percent-encoded (UTF-8). */
    private static String encoded(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
