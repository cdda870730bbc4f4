package io.fillonce.gateway.edge;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * W3C trace context at the front door: a valid client {@code traceparent} (version 00) keeps its trace id,
 * anything else starts a new trace. The service gets a {@code traceparent} with the gateway's own span id and
 * {@code X-Correlation-Id} (the trace id); the client gets the same two back on every answer.
 */
@Component
class Correlation implements WebFilter, Ordered {

    static final String TRACEPARENT = "traceparent";
    static final String CORRELATION_ID = "X-Correlation-Id";
    private static final Pattern VALID = Pattern.compile("^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$");
    private static final String ZERO_TRACE = "0".repeat(32);
    private static final String ZERO_SPAN = "0".repeat(16);
    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String traceparent = next(exchange.getRequest().getHeaders().get(TRACEPARENT));
        String traceId = traceparent.substring(3, 35);
        ServerHttpRequest request = exchange.getRequest().mutate().headers(headers -> {
            headers.set(TRACEPARENT, traceparent);
            headers.set(CORRELATION_ID, traceId);
        }).build();
        exchange.getResponse().beforeCommit(() -> {
            HttpHeaders response = exchange.getResponse().getHeaders();
            response.set(TRACEPARENT, traceparent);
            response.set(CORRELATION_ID, traceId);
            return Mono.empty();
        });
        return chain.filter(exchange.mutate().request(request).build());
    }

    /** The traceparent for the hop to the service: the client's trace (if valid) with a new span id. */
    static String next(List<String> received) {
        String flags = "01";
        String traceId = null;
        if (received != null && received.size() == 1) {
            Matcher matcher = VALID.matcher(received.get(0).strip());
            if (matcher.matches() && !matcher.group(1).equals(ZERO_TRACE) && !matcher.group(2).equals(ZERO_SPAN)) {
                traceId = matcher.group(1);
                flags = matcher.group(3);
            }
        }
        if (traceId == null) {
            traceId = randomHex(16, ZERO_TRACE);
        }
        return "00-" + traceId + "-" + randomHex(8, ZERO_SPAN) + "-" + flags;
    }

    private static String randomHex(int bytes, String zero) {
        byte[] random = new byte[bytes];
        String hex;
        do {
            RANDOM.nextBytes(random);
            hex = HexFormat.of().formatHex(random);
        } while (hex.equals(zero));
        return hex;
    }
}
