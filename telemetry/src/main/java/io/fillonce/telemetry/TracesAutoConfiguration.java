package io.fillonce.telemetry;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The one {@link Traces} of a service that has a tracer and a propagator (Boot's OpenTelemetry tracing): how every
 * service reads and writes W3C trace context, across Kafka, webhooks and its own background work.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration",
        "org.springframework.boot.micrometer.tracing.autoconfigure.NoopTracerAutoConfiguration",
        "org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure."
                + "OpenTelemetryTracingAutoConfiguration" })
@ConditionalOnBean({ Tracer.class, Propagator.class })
public class TracesAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Traces traces(Tracer tracer, Propagator propagator) {
        return new Traces(tracer, propagator);
    }
}
