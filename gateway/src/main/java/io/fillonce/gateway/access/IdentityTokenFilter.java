package io.fillonce.gateway.access;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Mints the signed identity ({@link IdentityToken}) once the route is known, for the one service behind it: the
 * route's {@code metadata.audience}. A token for intake is refused by sync and the registry, so a token that leaks
 * from one service's logs or traffic opens no other. A route without an audience forwards no token, and the service
 * behind it refuses the request: nothing reaches a service on an identity minted for no one.
 */
@Component
class IdentityTokenFilter implements GlobalFilter, Ordered {

    static final String AUDIENCE = "audience";

    private final IdentityToken identity;

    IdentityTokenFilter(IdentityToken identity) {
        this.identity = identity;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        Object audience = route == null ? null : route.getMetadata().get(AUDIENCE);
        return Principals.of(exchange)
                .filter(principal -> audience instanceof String)
                .map(principal -> {
                    String token = identity.sign(principal, (String) audience);
                    ServerHttpRequest request = exchange.getRequest().mutate()
                            .headers(headers -> headers.set(IdentityToken.HEADER, token)).build();
                    return chain.filter(exchange.mutate().request(request).build());
                })
                .orElseGet(() -> chain.filter(exchange));
    }
}
