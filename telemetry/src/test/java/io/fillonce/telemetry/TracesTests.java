package io.fillonce.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelPropagator;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TracesTests {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String PARENT = "00f067aa0ba902b7";
    private static final String SAMPLED = "00-" + TRACE_ID + "-" + PARENT + "-01";

    private final SdkTracerProvider provider = SdkTracerProvider.builder().build();
    private final io.opentelemetry.api.trace.Tracer otel = provider.get("traces-tests");
    private final Traces traces = new Traces(new OtelTracer(otel, new OtelCurrentTraceContext(), event -> {
    }), new OtelPropagator(ContextPropagators.create(W3CTraceContextPropagator.getInstance()), otel));

    @AfterEach
    void close() {
        provider.close();
    }

    @Test
    void continuesTheTraceAMessageCarriesInAChildSpan() {
        Span span = traces.continueTrace("fan-out", SAMPLED);
        try {
            assertThat(span.context().traceId()).isEqualTo(TRACE_ID);
            assertThat(span.context().parentId()).isEqualTo(PARENT);
            assertThat(Traces.traceparent(span)).as("what the span writes names it as the parent")
                    .matches("00-" + TRACE_ID + "-[0-9a-f]{16}-01").doesNotContain(PARENT);
        }
        finally {
            Traces.end(span);
        }
    }

    @Test
    void keepsTheCallersDecisionNotToSample() {
        Span span = traces.continueTrace("webhook", "00-" + TRACE_ID + "-" + PARENT + "-00");
        try {
            assertThat(Traces.traceparent(span)).startsWith("00-" + TRACE_ID + "-").endsWith("-00");
        }
        finally {
            Traces.end(span);
        }
    }

    @Test
    void continuesNothingForAMessageWrittenBeforeTracesTravelled() {
        assertThat(traces.continueTrace("fan-out", null)).isNull();
        assertThat(traces.continueTrace("fan-out", " ")).isNull();
        assertThat(Traces.traceparent((Span) null)).isNull();
        try (Tracer.SpanInScope scope = traces.inScope(null)) {
            assertThat(traces.currentTraceparent()).isNull();
        }
    }

    @Test
    void namesTheSpanInScopeAsTheCurrentTraceparent() {
        Span span = traces.continueTrace("fan-out", SAMPLED);
        try (Tracer.SpanInScope scope = traces.inScope(span)) {
            assertThat(traces.currentTraceparent()).isEqualTo(Traces.traceparent(span));
        }
        finally {
            Traces.end(span);
        }
        assertThat(traces.currentTraceparent()).as("out of scope again").isNull();
    }

    @Test
    void runsLaterWorkInASpanOfTheTraceKeptForIt() {
        AtomicReference<String> during = new AtomicReference<>();

        traces.continued(SAMPLED, "bulk-upload", () -> during.set(traces.currentTraceparent()));

        assertThat(Traces.traceId(during.get())).isEqualTo(TRACE_ID);
        assertThat(during.get()).doesNotContain(PARENT);
        assertThat(traces.currentTraceparent()).isNull();
    }

    @Test
    void runsWorkWithoutAValidTraceparentInANewTrace() {
        AtomicReference<String> none = new AtomicReference<>();
        AtomicReference<String> malformed = new AtomicReference<>();

        traces.continued(null, "bulk-upload", () -> none.set(traces.currentTraceparent()));
        traces.continued("00-not-a-trace", "bulk-upload", () -> malformed.set(traces.currentTraceparent()));

        assertThat(Traces.traceId(none.get())).isNotNull().isNotEqualTo(TRACE_ID);
        assertThat(Traces.traceId(malformed.get())).isNotNull().isNotEqualTo(TRACE_ID)
                .isNotEqualTo(Traces.traceId(none.get()));
    }

    @Test
    void readsTheTraceIdOfAWellFormedTraceparentOnly() {
        assertThat(Traces.traceId(SAMPLED)).isEqualTo(TRACE_ID);
        assertThat(Traces.traceId(" " + SAMPLED + "\n")).isEqualTo(TRACE_ID);
        assertThat(Traces.traceId(SAMPLED.toUpperCase())).isNull();
        assertThat(Traces.traceId("00-" + TRACE_ID + "-" + PARENT)).isNull();
        assertThat(Traces.traceId("")).isNull();
        assertThat(Traces.traceId(null)).isNull();
    }

    @Test
    void writesNoTraceparentWhereNothingIsTraced() {
        Traces nowhere = Traces.none();
        Span span = nowhere.continueTrace("fan-out", SAMPLED);

        assertThat(Traces.traceparent(span)).isNull();
        assertThat(nowhere.currentTraceparent()).isNull();
        Traces.end(span);
    }
}
