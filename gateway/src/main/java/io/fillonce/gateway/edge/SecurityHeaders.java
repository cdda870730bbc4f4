package io.fillonce.gateway.edge;

import io.fillonce.gateway.access.BrowserSignIn;

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
 * frame anything; pages (the ops dashboard, the cadre workspace, the OpenAPI UI) may load only their own scripts,
 * styles and images and talk only to this origin (no inline script, nothing from elsewhere; the OpenAPI UI also inline
 * styles), except that the cadre workspace may talk to the issuer it signs cadres in at ({@link BrowserSignIn}), when
 * there is one. HSTS only when a trusted proxy says the client connected over HTTPS.
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

    /** The cadre workspace's policy: the pages' own, plus the sign-on issuer's origin to talk to, if any. */
    private final String workspaceCsp;

    SecurityHeaders(BrowserSignIn signIn) {
        this.workspaceCsp = signIn.issuerOrigin().map(origin -> PAGE_CSP + "; connect-src 'self' " + origin)
                .orElse(PAGE_CSP);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().value();
        boolean api = path.startsWith("/api/");
        boolean docs = path.startsWith("/swagger-ui/") || path.startsWith("/docs");
        String pageCsp = docs ? DOCS_CSP : path.startsWith("/fill/") ? workspaceCsp : PAGE_CSP;
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
                headers.set("Content-Security-Policy", pageCsp);
            }
            if (Boolean.TRUE.equals(exchange.getAttribute(ForwardedHeaders.SECURE_ATTRIBUTE))) {
                headers.set("Strict-Transport-Security", HSTS);
            }
            return Mono.empty();
        });
        return chain.filter(exchange);
    }
}
