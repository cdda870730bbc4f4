package io.fillonce.sync.system;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

import org.springframework.stereotype.Component;

/**
 * W3C trace context across Kafka: a record event and a department message carry the trace of the span that wrote
 * them as the CloudEvents distributed-tracing extension {@value #EXTENSION} (binary mode: the {@value #HEADER}
 * header), and a span here continues the trace its message carries. So one submission's trace runs from the
 * gateway through intake and the fan-out to every department delivery; while a span is in scope, each log line
 * names its trace and span id.
 */
@Component
public class Traces {

    public static final String EXTENSION = "traceparent";
    public static final String HEADER = "ce_" + EXTENSION;

    private static final Pattern TRACEPARENT = Pattern.compile("^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$");

    private static final Propagator.Getter<String> FROM_TEXT = (traceparent, key) ->
            EXTENSION.equals(key) ? traceparent : null;

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
     * A started consumer span continuing the trace of {@code traceparent}; {@code null} when there is none to
     * continue (a message written before traces travelled): nothing is traced then.
     */
    public Span continueTrace(String name, String traceparent) {
        if (traceparent == null || traceparent.isBlank()) {
            return null;
        }
        return propagator.extract(traceparent, FROM_TEXT).name(name).kind(Span.Kind.CONSUMER).start();
    }

    /** Puts the span (may be null: then nothing) in scope on this thread until the scope closes. */
    public Tracer.SpanInScope inScope(Span span) {
        return span == null ? NOTHING : tracer.withSpan(span);
    }

    /** The traceparent naming the span as parent, for what it writes; null for no span. */
    public String traceparent(Span span) {
        if (span == null) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>(2);
        propagator.inject(span.context(), carrier, Map::put);
        return carrier.get(EXTENSION);
    }

    /** The traceparent of the span in scope on this thread, or null. */
    public String currentTraceparent() {
        return traceparent(tracer.currentSpan());
    }

    /** The trace id a W3C traceparent names (32 lowercase hex), or null when there is none or it is malformed. */
    public static String traceId(String traceparent) {
        if (traceparent == null) {
            return null;
        }
        Matcher valid = TRACEPARENT.matcher(traceparent.strip());
        return valid.matches() ? valid.group(1) : null;
    }

    /** Ends the span, if any. */
    public static void end(Span span) {
        if (span != null) {
            span.end();
        }
    }

    private static final Tracer.SpanInScope NOTHING = () -> {
    };
}
