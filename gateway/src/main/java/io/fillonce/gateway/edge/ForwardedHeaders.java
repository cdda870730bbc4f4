package io.fillonce.gateway.edge;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * {@code Forwarded} and {@code X-Forwarded-*} say who the client is and how it connected; only a configured proxy
 * may say so. From any other peer they are removed before anything (routing, services) reads them.
 */
@Component
class ForwardedHeaders implements WebFilter, Ordered {

    static final String SECURE_ATTRIBUTE = ForwardedHeaders.class.getName() + ".httpsViaTrustedProxy";

    private final Set<String> trusted;

    ForwardedHeaders(EdgeSettings settings) {
        this.trusted = settings.trustedProxies().stream().map(ForwardedHeaders::normalise).collect(Collectors.toSet());
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 3;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        if (isTrusted(request.getRemoteAddress())) {
            if (saysHttps(request.getHeaders())) {
                exchange.getAttributes().put(SECURE_ATTRIBUTE, Boolean.TRUE);
            }
            return chain.filter(exchange);
        }
        List<String> forwarded = request.getHeaders().headerNames().stream().filter(ForwardedHeaders::isForwarded).toList();
        if (forwarded.isEmpty()) {
            return chain.filter(exchange);
        }
        ServerHttpRequest stripped = request.mutate().headers(headers -> forwarded.forEach(headers::remove)).build();
        return chain.filter(exchange.mutate().request(stripped).build());
    }

    private boolean isTrusted(InetSocketAddress peer) {
        return peer != null && peer.getAddress() != null && trusted.contains(peer.getAddress().getHostAddress());
    }

    static boolean isForwarded(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.equals("forwarded") || lower.startsWith("x-forwarded-");
    }

    private static boolean saysHttps(HttpHeaders headers) {
        String proto = headers.getFirst("X-Forwarded-Proto");
        String forwarded = headers.getFirst("Forwarded");
        return "https".equalsIgnoreCase(proto == null ? null : proto.split(",")[0].strip())
                || forwarded != null && forwarded.toLowerCase(Locale.ROOT).split(",")[0].contains("proto=https");
    }

    private static String normalise(String address) {
        if (!address.matches("^[0-9A-Fa-f:.]+$")) {
            throw new IllegalArgumentException("fillonce.edge.trusted-proxies takes IP addresses, got '" + address + "'");
        }
        try {
            return InetAddress.getByName(address).getHostAddress();
        }
        catch (UnknownHostException e) {
            throw new IllegalArgumentException("fillonce.edge.trusted-proxies: not an IP address: " + address, e);
        }
    }
}
