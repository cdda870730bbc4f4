package io.fillonce.sync.webhook;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebhookTests {

    static final String CURRENT = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final String PREVIOUS = "whsec_dGhlIHByZXZpb3VzIHNlY3JldCBvZiB0aGlzIHRlc3Q=";

    @Test
    void signsSoThatAnIndependentVerifierAcceptsEitherSecretDuringRotation() {
        long now = Instant.now().getEpochSecond();
        String body = "{\"xm\":\"李美\"}";
        String signature = WebhookSigner.signature(List.of(CURRENT, PREVIOUS), "rec-1:2", now, body);
        Map<String, String> headers = Map.of("webhook-id", "rec-1:2", "webhook-timestamp", String.valueOf(now),
                "webhook-signature", signature);

        assertThat(signature.split(" ")).hasSize(2).allMatch(s -> s.startsWith("v1,"));
        assertThat(StandardWebhooksVerifier.verifies(CURRENT, headers, body.getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(StandardWebhooksVerifier.verifies(PREVIOUS, headers, body.getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(StandardWebhooksVerifier.verifies(CURRENT, headers, "{\"xm\":\"other\"}".getBytes())).isFalse();
        assertThat(StandardWebhooksVerifier.verifies("whsec_c29tZSBvdGhlciBzZWNyZXQgYWx0b2dldGhlcg==", headers,
                body.getBytes(StandardCharsets.UTF_8))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:9/hook", "http://localhost:9/hook", "http://[::1]:9/hook"})
    void refusesLoopbackUrlsByDefault(String url) {
        assertThatThrownBy(() -> new WebhookUrlGuard(false).check(URI.create(url)))
                .isInstanceOfSatisfying(DeliveryAttemptFailed.class, e -> assertThat(e.permanent()).isTrue())
                .hasMessageContaining("loopback");
        assertThatCode(() -> new WebhookUrlGuard(true).check(URI.create(url))).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://10.1.2.3/h", "http://172.16.0.1/h", "http://192.168.1.10/h",
            "http://169.254.169.254/latest/meta-data", "http://100.64.0.1/h", "http://[fd00::1]/h",
            "http://[fe80::1]/h", "http://0.0.0.0/h"})
    void refusesPrivateAndLinkLocalUrlsEvenWhenLoopbackIsAllowed(String url) {
        assertThatThrownBy(() -> new WebhookUrlGuard(true).check(URI.create(url)))
                .isInstanceOfSatisfying(DeliveryAttemptFailed.class, e -> assertThat(e.permanent()).isTrue())
                .hasMessageContaining("refused");
    }

    @Test
    void acceptsPublicAddresses() {
        assertThatCode(() -> new WebhookUrlGuard(false).check(URI.create("https://93.184.216.34/hooks")))
                .doesNotThrowAnyException();
    }

    @Test
    void refusesSchemesOtherThanHttp() {
        assertThatThrownBy(() -> new WebhookUrlGuard(true).check(URI.create("ftp://93.184.216.34/x")))
                .hasMessageContaining("only http and https");
    }

    @ParameterizedTest
    @ValueSource(ints = {429, 502, 503, 504})
    void anAnswerSayingTheDepartmentIsUnavailableIsNotChargedToTheMessage(int status) {
        DeliveryAttemptFailed failed = DeliveryAttemptFailed.answered(status, Duration.ofSeconds(3));

        assertThat(failed.kind()).isEqualTo(DeliveryAttemptFailed.Kind.UNAVAILABLE);
        assertThat(failed.charged()).isFalse();
        assertThat(failed.retryAfter()).isEqualTo(Duration.ofSeconds(3));
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 404, 409, 422, 500, 501, 301})
    void anyOtherRefusalIsChargedToTheMessage(int status) {
        DeliveryAttemptFailed failed = DeliveryAttemptFailed.answered(status, Duration.ofSeconds(3));

        assertThat(failed.kind()).isEqualTo(DeliveryAttemptFailed.Kind.REFUSED);
        assertThat(failed.charged()).isTrue();
        assertThat(failed.permanent()).isFalse();
        assertThat(failed).hasMessage("webhook endpoint answered HTTP " + status);
    }

    @Test
    void anEndpointThatCannotBeReachedIsUnavailableAndAPermanentFailureIsCharged() {
        assertThat(DeliveryAttemptFailed.unavailable("webhook endpoint unreachable").charged()).isFalse();
        assertThat(DeliveryAttemptFailed.permanent("410 Gone").charged()).isTrue();
    }

    @Test
    void readsRetryAfterInSecondsOrAsAnHttpDate() {
        Clock clock = Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC);

        assertThat(RetryAfter.parse("7", clock)).isEqualTo(Duration.ofSeconds(7));
        assertThat(RetryAfter.parse("Fri, 27 Nov 2026 10:00:30 GMT", clock)).isEqualTo(Duration.ofSeconds(30));
        assertThat(RetryAfter.parse("Fri, 27 Nov 2026 09:00:00 GMT", clock)).isEqualTo(Duration.ZERO);
        assertThat(RetryAfter.parse("soon", clock)).isNull();
        assertThat(RetryAfter.parse(null, clock)).isNull();
    }
}
