package io.fillonce.intake.record;

import java.util.Map;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

import org.springframework.stereotype.Component;

/**
 * The W3C trace context a version's event carries ({@link OutboxEvent#traceparent()}): the span a request is handled
 * in (Tomcat's server observation continues the gateway's {@code traceparent}), and for work done later on behalf of
 * a request (a bulk upload's lines) a span continuing the trace kept for it.
 */
@Component
public class Traceparents {

    static final String HEADER = "traceparent";

    private final Tracer tracer;

    private final Propagator propagator;

    public Traceparents(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** {@code 00-<trace id>-<span id>-<flags>} of the current span; {@code null} when there is none. */
    public String current() {
        Span span = tracer.currentSpan();
        return span == null ? null : of(span.context());
    }

    /** The W3C {@code traceparent} of a span: version 00, flags 01 when it is sampled, else 00. */
    static String of(TraceContext context) {
        return "00-" + context.traceId() + "-" + context.spanId() + "-"
                + (Boolean.TRUE.equals(context.sampled()) ? "01" : "00");
    }

    /**
     * Runs {@code work} in a new span named {@code name}, a child of {@code traceparent} (a new trace when it is
     * {@code null} or not valid), so what it logs names that trace.
     */
    public void continued(String traceparent, String name, Runnable work) {
        Map<String, String> carrier = traceparent == null ? Map.of() : Map.of(HEADER, traceparent);
        Span span = propagator.extract(carrier, Map::get).name(name).start();
        try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
            work.run();
        }
        finally {
            span.end();
        }
    }
}
