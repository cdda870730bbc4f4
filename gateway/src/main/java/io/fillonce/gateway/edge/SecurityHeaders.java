package io.fillonce.gateway.edge;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Security headers on every answer, the gateway's own problems and the services' answers alike (set just before
 * the response is committed, so a service cannot weaken them). API answers are never cached and may not load or
 * frame anything; HSTS only when a trusted proxy says the client connected over HTTPS.
 */
@Component
class SecurityHeaders implements WebFilter, Ordered {

    static final String API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
    static final String HSTS = "max-age=31536000; includeSubDomains";

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        boolean api = exchange.getRequest().getPath().value().startsWith("/api/");
        exchange.getResponse().beforeCommit(() -> {
            HttpHeaders headers = exchange.getResponse().getHeaders();
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("Referrer-Policy", "no-referrer");
            headers.set("X-Frame-Options", "DENY");
            if (api) {
                headers.set("Content-Security-Policy", API_CSP);
                headers.set(HttpHeaders.CACHE_CONTROL, "no-store");
            }
            if (Boolean.TRUE.equals(exchange.getAttribute(ForwardedHeaders.SECURE_ATTRIBUTE))) {
                headers.set("Strict-Transport-Security", HSTS);
            }
            return Mono.empty();
        });
        return chain.filter(exchange);
    }
}
