package io.fillonce.sync.system;

import io.fillonce.telemetry.Traces;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** W3C trace context across Kafka and webhooks, read and written as every service does ({@link Traces}). */
@Configuration(proxyBeanMethods = false)
class Tracing {

    @Bean
    Traces traces(Tracer tracer, Propagator propagator) {
        return new Traces(tracer, propagator);
    }
}
