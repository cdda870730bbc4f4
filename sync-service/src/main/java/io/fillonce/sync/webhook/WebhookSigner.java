package io.fillonce.sync.webhook;

import java.util.List;
import java.util.stream.Collectors;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookSigningException;

/** Standard Webhooks 1.0 signatures, with the standard's own Java library: one {@code v1,...} per secret. */
final class WebhookSigner {

    private WebhookSigner() {
    }

    /** The {@code webhook-signature} header value: space-separated signatures, current secret first. */
    static String signature(List<String> secrets, String id, long timestamp, String body) {
        return secrets.stream().map(secret -> sign(secret, id, timestamp, body)).collect(Collectors.joining(" "));
    }

    private static String sign(String secret, String id, long timestamp, String body) {
        try {
            return new Webhook(secret).sign(id, timestamp, body);
        }
        catch (WebhookSigningException e) {
            throw new IllegalStateException("cannot sign with a registered secret", e);
        }
    }
}
