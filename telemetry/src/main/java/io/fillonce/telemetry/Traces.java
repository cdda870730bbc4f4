package io.fillonce.telemetry;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

/**
 * W3C trace context, read and written the same way by every service, on the servlet stack and on WebFlux alike (pure
 * helpers: each side's thin filter, listener or job calls them). A trace travels as {@value #TRACEPARENT}
 * ({@code 00-<trace id>-<span id>-<flags>}): the HTTP header, the CloudEvents distributed-tracing extension of a
 * record event or department message (in Kafka binary mode the header {@value #KAFKA_HEADER}), and the value a job
 * keeps for work done later on behalf of a request. The gateway also shows each caller the trace id as
 * {@value #CORRELATION_ID}. While a span is in scope, each log line names its trace and span id.
 *
 * <p>A service builds one from Micrometer Tracing's {@link Tracer} and {@link Propagator} (W3C propagation,
 * {@code management.tracing.propagation.type: w3c}).
 */
public class Traces {

    /** The W3C header, and the CloudEvents extension of the same name. */
    public static final String TRACEPARENT = "traceparent";

    /** The CloudEvents extension {@value #TRACEPARENT} as a Kafka header (binary mode). */
    public static final String KAFKA_HEADER = "ce_" + TRACEPARENT;

    /** The trace id, which the gateway passes to the service and shows on every answer. */
    public static final String CORRELATION_ID = "X-Correlation-Id";

    private static final Pattern VALID = Pattern.compile("^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$");

    private static final Tracer.SpanInScope NOTHING = () -> {
    };

    private final Tracer tracer;

    private final Propagator propagator;

    public Traces(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** Spans nowhere, for tests that build parts by hand. */
    public static Traces none() {
        return new Traces(Tracer.NOOP, Propagator.NOOP);
    }

    /**
     * {@code 00-<trace id>-<span id>-<flags>}, flags 01 when the span is sampled, else 00; {@code null} for a context
     * that names no trace (a no-op tracer's).
     */
    public static String traceparent(TraceContext context) {
        if (context == null || isBlank(context.traceId()) || isBlank(context.spanId())) {
            return null;
        }
        return "00-" + context.traceId() + "-" + context.spanId() + "-"
                + (Boolean.TRUE.equals(context.sampled()) ? "01" : "00");
    }

    private static boolean isBlank(String id) {
        return id == null || id.isBlank();
    }

    /** The traceparent naming the span as parent, for what it writes; {@code null} for no span. */
    public static String traceparent(Span span) {
        return span == null ? null : traceparent(span.context());
    }

    /** The trace id a traceparent names (32 lowercase hex), or {@code null} when there is none or it is malformed. */
    public static String traceId(String traceparent) {
        if (traceparent == null) {
            return null;
        }
        Matcher valid = VALID.matcher(traceparent.strip());
        return valid.matches() ? valid.group(1) : null;
    }

    /** The traceparent of the span in scope on this thread, or {@code null}. */
    public String currentTraceparent() {
        return traceparent(tracer.currentSpan());
    }

    /**
     * A started consumer span continuing the trace of {@code traceparent}; {@code null} when there is none to
     * continue (a message written before traces travelled): nothing is traced then.
     */
    public Span continueTrace(String name, String traceparent) {
        if (traceparent == null || traceparent.isBlank()) {
            return null;
        }
        return propagator.extract(traceparent, (carrier, key) -> TRACEPARENT.equals(key) ? carrier : null)
                .name(name).kind(Span.Kind.CONSUMER).start();
    }

    /**
     * Runs {@code work} in a new span named {@code name}, a child of {@code traceparent} (a new trace when it is
     * {@code null} or not valid), so what it logs names that trace: work done later on behalf of a request.
     */
    public void continued(String traceparent, String name, Runnable work) {
        Map<String, String> carrier = traceparent == null ? Map.of() : Map.of(TRACEPARENT, traceparent);
        Span span = propagator.extract(carrier, Map::get).name(name).start();
        try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
            work.run();
        }
        finally {
            span.end();
        }
    }

    /** Puts the span (may be {@code null}: then nothing) in scope on this thread until the scope closes. */
    public Tracer.SpanInScope inScope(Span span) {
        return span == null ? NOTHING : tracer.withSpan(span);
    }

    /** Ends the span, if any. */
    public static void end(Span span) {
        if (span != null) {
            span.end();
        }
    }
}
