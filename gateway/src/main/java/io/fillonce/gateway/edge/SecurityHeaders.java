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
 * frame anything; pages (the ops dashboard, the cadre workspace, the OpenAPI UI) may load only their own scripts, styles and images and
 * talk only to this origin (no inline script, nothing from elsewhere; the OpenAPI UI also inline styles). HSTS only when a trusted proxy says the client
 * connected over HTTPS.
 */
@Component
class SecurityHeaders implements WebFilter, Ordered {

    static final String API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
    static final String PAGE_CSP = "default-src 'self'; img-src 'self' data:; object-src 'none'; "
            + "frame-ancestors 'none'; base-uri 'self'; form-action 'self'";
    /** The OpenAPI UI (Swagger UI) sets inline styles; it still runs only its own scripts. */
    static final String DOCS_CSP = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
            + "object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";
    static final String HSTS = "max-age=31536000; includeSubDomains";

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().value();
        boolean api = path.startsWith("/api/");
        boolean docs = path.startsWith("/swagger-ui/") || path.startsWith("/docs");
        exchange.getResponse().beforeCommit(() -> {
            HttpHeaders headers = exchange.getResponse().getHeaders();
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("Referrer-Policy", "no-referrer");
            headers.set("X-Frame-Options", "DENY");
            if (api) {
                headers.set("Content-Security-Policy", API_CSP);
                headers.set(HttpHeaders.CACHE_CONTROL, "no-store");
            }
            else {
                headers.set("Content-Security-Policy", docs ? DOCS_CSP : PAGE_CSP);
            }
            if (Boolean.TRUE.equals(exchange.getAttribute(ForwardedHeaders.SECURE_ATTRIBUTE))) {
                headers.set("Strict-Transport-Security", HSTS);
            }
            return Mono.empty();
        });
        return chain.filter(exchange);
    }
}
