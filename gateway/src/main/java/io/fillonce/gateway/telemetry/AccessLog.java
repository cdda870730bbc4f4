package io.fillonce.gateway.telemetry;

import java.time.Duration;

import io.fillonce.gateway.access.Principals;
import io.fillonce.gateway.principal.Principal;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.handler.TracingObservationHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.stereotype.Component;

/**
 * One INFO line per request as it completes (logger {@code io.fillonce.gateway.access}): method, path without the
 * query, status ({@code aborted} when the client left first), duration in milliseconds and the principal id once the
 * API key check knew it ({@code -} before), also as key-value pairs for structured logs; never the key, another
 * header or the body. It is written in the request's server span, so the line's correlation id names its trace.
 */
@Component
class AccessLog implements ObservationHandler<ServerRequestObservationContext> {

    static final String LOGGER = "io.fillonce.gateway.access";

    private static final Logger log = LoggerFactory.getLogger(LOGGER);

    private final Tracer tracer;

    AccessLog(Tracer tracer) {
        this.tracer = tracer;
    }

    @Override
    public boolean supportsContext(Observation.Context context) {
        return context instanceof ServerRequestObservationContext;
    }

    @Override
    public void onStart(ServerRequestObservationContext context) {
        context.put(Started.class, new Started(System.nanoTime()));
    }

    @Override
    public void onStop(ServerRequestObservationContext context) {
        if (!log.isInfoEnabled()) {
            return;
        }
        Started started = context.get(Started.class);
        long millis = started == null ? 0 : Duration.ofNanos(System.nanoTime() - started.nanos()).toMillis();
        ServerHttpRequest request = context.getCarrier();
        HttpStatusCode code = context.getResponse() == null ? null : context.getResponse().getStatusCode();
        String status = context.isConnectionAborted() ? "aborted" : code == null ? "-" : String.valueOf(code.value());
        String principal = Principals.in(context.getAttributes()).map(Principal::id).orElse("-");
        TracingObservationHandler.TracingContext tracing = context.get(TracingObservationHandler.TracingContext.class);
        Span span = tracing == null ? null : tracing.getSpan();
        try (Tracer.SpanInScope scope = span == null ? null : tracer.withSpan(span)) {
            log.atInfo().addKeyValue("method", request.getMethod().name())
                    .addKeyValue("path", request.getPath().value())
                    .addKeyValue("status", status)
                    .addKeyValue("durationMs", millis)
                    .addKeyValue("principal", principal)
                    .log("{} {} {} {} ms {}", request.getMethod().name(), request.getPath().value(), status, millis,
                            principal);
        }
    }

    private record Started(long nanos) {
    }
}
