package io.fillonce.gateway.edge;

import java.time.Duration;
import java.util.List;

import io.fillonce.gateway.problem.ProblemType;
import io.fillonce.gateway.problem.Problems;
import io.fillonce.telemetry.Traces;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsProcessor;
import org.springframework.web.cors.reactive.CorsUtils;
import org.springframework.web.cors.reactive.DefaultCorsProcessor;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Cross-origin access to {@code /api/**} for the configured origins only, decided before authentication so a
 * preflight needs no key; a refused cross-origin request is a 403 problem. No origins configured: no CORS
 * headers at all, so browsers keep other sites out.
 */
@Component
class CorsFilter implements WebFilter, Ordered {

    private final UrlBasedCorsConfigurationSource source;
    private final CorsProcessor processor = new DefaultCorsProcessor();
    private final Problems problems;

    CorsFilter(EdgeSettings settings, Problems problems) {
        this.source = settings.allowedOrigins().isEmpty() ? null : source(settings.allowedOrigins());
        this.problems = problems;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 4;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (source == null) {
            return chain.filter(exchange);
        }
        if (!processor.process(source.getCorsConfiguration(exchange), exchange)) {
            return problems.write(exchange, ProblemType.CORS_REJECTED, "This origin, method or header is not allowed "
                    + "for cross-origin requests.");
        }
        return CorsUtils.isPreFlightRequest(exchange.getRequest()) ? Mono.empty() : chain.filter(exchange);
    }

    private static UrlBasedCorsConfigurationSource source(List<String> origins) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(origins);
        cors.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE"));
        cors.setAllowedHeaders(List.of("Authorization", "Content-Type", "Idempotency-Key", Traces.TRACEPARENT));
        cors.setExposedHeaders(List.of(Traces.CORRELATION_ID, Traces.TRACEPARENT, "Retry-After", "Location"));
        cors.setAllowCredentials(false);
        cors.setMaxAge(Duration.ofMinutes(10));
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/api/**", cors);
        return source;
    }
}
