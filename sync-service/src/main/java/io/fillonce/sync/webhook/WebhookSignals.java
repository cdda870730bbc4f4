package io.fillonce.sync.webhook;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import io.fillonce.telemetry.Traces;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * What the webhook workers tell ops: each failed try, dead letter and parked message
 * ({@code fillonce.deliveries{outcome=failed|dead-lettered|parked}}; the confirmed ones are counted from the audit
 * log, see FlowLedger), the endpoints' latency per department, whether each worker runs, the departments' circuit
 * breakers (Resilience4j's own meters); and the traces the workers continue.
 */
@Component
class WebhookSignals {

    static final String FAILED = "failed";
    static final String DEAD_LETTERED = "dead-lettered";
    static final String PARKED = "parked";

    private final Traces traces;
    private final MeterRegistry meters;

    WebhookSignals(Traces traces, MeterRegistry meters, WebhookResilience resilience) {
        this.traces = traces;
        this.meters = meters;
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(resilience.breakers()).bindTo(meters);
    }

    Traces traces() {
        return traces;
    }

    void counted(WebhookMessage message, String department, String outcome) {
        meters.counter("fillonce.deliveries", "type", message.type() == null ? "none" : message.type(),
                "department", department, "channel", "webhook", "outcome", outcome).increment();
    }

    void latency(String department, long nanos) {
        Timer.builder("fillonce.webhook.latency").description("time a department's webhook endpoint took to answer")
                .tag("department", department).publishPercentileHistogram().register(meters)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /** {@code fillonce.consumer.running{department, channel=webhook}}: 1 while the department's worker runs. */
    void watch(String department, BooleanSupplier running) {
        Gauge.builder("fillonce.consumer.running", running, supplier -> supplier.getAsBoolean() ? 1 : 0)
                .description("1 while the department's webhook worker runs")
                .tags("department", department, "channel", "webhook").strongReference(true).register(meters);
    }
}
