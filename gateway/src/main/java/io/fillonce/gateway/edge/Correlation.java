package io.fillonce.gateway.edge;

import io.fillonce.telemetry.Traces;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.handler.TracingObservationHandler;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * W3C trace context at the front door, kept by Micrometer Tracing: WebFlux's server observation continues a valid
 * client {@code traceparent} (version 00) in a span of its own, or starts a new trace, and Spring Cloud Gateway's
 * client observation sends the service a {@code traceparent} of that trace (its own child span). This filter only
 * shows the trace: {@code X-Correlation-Id} (the trace id) to the service, and on every answer, the gateway's own
 * refusals included, {@code traceparent} (the gateway's server span) and {@code X-Correlation-Id}, written as every
 * service writes them ({@link Traces}).
 */
@Component
class Correlation implements WebFilter, Ordered {

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        TraceContext trace = serverSpan(exchange);
        if (trace == null) {
            return chain.filter(exchange);
        }
        String traceparent = Traces.traceparent(trace);
        ServerHttpRequest request = exchange.getRequest().mutate()
                .headers(headers -> headers.set(Traces.CORRELATION_ID, trace.traceId()))
                .build();
        exchange.getResponse().beforeCommit(() -> {
            HttpHeaders response = exchange.getResponse().getHeaders();
            response.set(Traces.TRACEPARENT, traceparent);
            response.set(Traces.CORRELATION_ID, trace.traceId());
            return Mono.empty();
        });
        return chain.filter(exchange.mutate().request(request).build());
    }

    /** The span WebFlux's server observation opened for this exchange; {@code null} where nothing is traced. */
    static TraceContext serverSpan(ServerWebExchange exchange) {
        return ServerRequestObservationContext.findCurrent(exchange.getAttributes())
                .map(context -> context.<TracingObservationHandler.TracingContext>get(
                        TracingObservationHandler.TracingContext.class))
                .map(TracingObservationHandler.TracingContext::getSpan)
                .map(Span::context)
                .orElse(null);
    }
}
