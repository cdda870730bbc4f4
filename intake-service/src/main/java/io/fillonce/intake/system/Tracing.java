package io.fillonce.intake.system;

import io.fillonce.telemetry.Traces;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * W3C trace context, read and written as every service does ({@link Traces}): the span a version is accepted in, as
 * the {@code traceparent} its event carries, and a bulk upload's work continuing its request's trace.
 */
@Configuration(proxyBeanMethods = false)
class Tracing {

    @Bean
    Traces traces(Tracer tracer, Propagator propagator) {
        return new Traces(tracer, propagator);
    }
}
