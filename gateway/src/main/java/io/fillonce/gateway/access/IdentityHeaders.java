package io.fillonce.gateway.access;

import java.util.List;

import io.fillonce.gateway.principal.Principal;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;

/**
 * The identity the services trust (docs/conventions.md): only the gateway sets {@code X-Fillonce-*} headers, so
 * every client-sent one is dropped, and the API key itself is not passed on.
 */
final class IdentityHeaders {

    static final String PREFIX = "x-fillonce-";
    static final String PRINCIPAL = "X-Fillonce-Principal";
    static final String ROLE = "X-Fillonce-Role";
    static final String DEPARTMENT = "X-Fillonce-Department";
    static final String REGION = "X-Fillonce-Region";

    private IdentityHeaders() {
    }

    /** The exchange without any client-sent identity headers (for requests that carry no identity). */
    static ServerWebExchange anonymous(ServerWebExchange exchange) {
        if (!hasClientIdentity(exchange.getRequest().getHeaders())) {
            return exchange;
        }
        ServerHttpRequest request = exchange.getRequest().mutate().headers(IdentityHeaders::strip).build();
        return exchange.mutate().request(request).build();
    }

    /**
     * The exchange as the service behind the route should see it: the authenticated principal as plain headers, and
     * nothing else; {@link IdentityTokenFilter} adds the signed token once the route, and so its audience, is known.
     */
    static ServerWebExchange of(ServerWebExchange exchange, Principal principal) {
        ServerHttpRequest request = exchange.getRequest().mutate().headers(headers -> {
            strip(headers);
            headers.remove(HttpHeaders.AUTHORIZATION);
            headers.set(PRINCIPAL, principal.id());
            headers.set(ROLE, principal.role().name());
            if (principal.department() != null) {
                headers.set(DEPARTMENT, principal.department());
            }
            if (principal.regionCode() != null) {
                headers.set(REGION, principal.regionCode());
            }
        }).build();
        return exchange.mutate().request(request).build();
    }

    private static boolean hasClientIdentity(HttpHeaders headers) {
        return headers.headerNames().stream().anyMatch(IdentityHeaders::isIdentity);
    }

    private static void strip(HttpHeaders headers) {
        List<String> identity = headers.headerNames().stream().filter(IdentityHeaders::isIdentity).toList();
        identity.forEach(headers::remove);
    }

    private static boolean isIdentity(String name) {
        return name.regionMatches(true, 0, PREFIX, 0, PREFIX.length());
    }
}
