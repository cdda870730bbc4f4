package io.fillonce.gateway.access;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.http.HttpHeaders;

/** Reads the API key from exactly one {@code Authorization: Bearer <key>} header (RFC 6750 token syntax). */
final class BearerKey {

    private static final Pattern BEARER = Pattern.compile("^Bearer +([A-Za-z0-9\\-._~+/]+=*) *$", Pattern.CASE_INSENSITIVE);
    // room for OAuth2 access tokens (JWTs run to a few KB); headers as a whole are limited to 16 KiB
    private static final int MAX_KEY_LENGTH = 8192;

    private BearerKey() {
    }

    /** Empty when there is no such header, more than one, or it is not a well-formed bearer token. */
    static Optional<String> from(HttpHeaders headers) {
        List<String> values = headers.getOrEmpty(HttpHeaders.AUTHORIZATION);
        if (values.size() != 1) {
            return Optional.empty();
        }
        var matcher = BEARER.matcher(values.get(0));
        if (!matcher.matches() || matcher.group(1).length() > MAX_KEY_LENGTH) {
            return Optional.empty();
        }
        return Optional.of(matcher.group(1));
    }

    static boolean isPresent(HttpHeaders headers) {
        return headers.containsHeader(HttpHeaders.AUTHORIZATION);
    }
}
