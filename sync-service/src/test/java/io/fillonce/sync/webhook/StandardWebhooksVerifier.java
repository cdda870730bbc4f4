package io.fillonce.sync.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An independent Standard Webhooks 1.0 verifier written from the specification, sharing no code with the signer:
 * it accepts a request when any {@code v1,} signature in {@code webhook-signature} equals HMAC-SHA256 over
 * {@code id.timestamp.body} with the base64-decoded secret after {@code whsec_}, and the timestamp is recent.
 */
public final class StandardWebhooksVerifier {

    private static final long TOLERANCE_SECONDS = 300;

    private StandardWebhooksVerifier() {
    }

    public static boolean verifies(String secret, Map<String, String> headers, byte[] body) {
        String id = headers.get("webhook-id");
        String timestamp = headers.get("webhook-timestamp");
        String signatures = headers.get("webhook-signature");
        if (id == null || timestamp == null || signatures == null
                || Math.abs(System.currentTimeMillis() / 1000 - Long.parseLong(timestamp)) > TOLERANCE_SECONDS) {
            return false;
        }
        byte[] expected = hmac(Base64.getDecoder().decode(secret.substring("whsec_".length())),
                (id + "." + timestamp + "." + new String(body, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        return Arrays.stream(signatures.split(" ")).filter(s -> s.startsWith("v1,"))
                .map(s -> Base64.getDecoder().decode(s.substring(3)))
                .anyMatch(given -> MessageDigest.isEqual(given, expected));
    }

    private static byte[] hmac(byte[] key, byte[] content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(content);
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
