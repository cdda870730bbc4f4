package io.fillonce.telemetry;

import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Our two OTLP settings as Boot's, blank meaning off (both off unless set):
 * <ul>
 * <li>{@code fillonce.otlp.traces-endpoint} ({@code FILLONCE_OTLP_TRACES_ENDPOINT}) becomes
 * {@code management.opentelemetry.tracing.export.otlp.endpoint} only when it is not blank: Boot builds the OTLP span
 * exporter as soon as that property exists, and an empty endpoint would stop the start-up;</li>
 * <li>{@code fillonce.otlp.metrics-enabled} ({@code FILLONCE_OTLP_METRICS_ENABLED}) becomes
 * {@code management.otlp.metrics.export.enabled}, {@code true} only when it says so: the OpenTelemetry starter brings
 * Micrometer's OTLP registry, which Boot starts (pushing to localhost:4318) unless told not to, and a blank value
 * would count as not told.</li>
 * </ul>
 * Added after the application's own configuration, so Boot's properties set directly (environment, command line)
 * still win.
 */
class OtlpExport implements EnvironmentPostProcessor, Ordered {

    static final String TRACES_ENDPOINT = "fillonce.otlp.traces-endpoint";

    static final String METRICS_ENABLED = "fillonce.otlp.metrics-enabled";

    static final String BOOT_TRACES_ENDPOINT = "management.opentelemetry.tracing.export.otlp.endpoint";

    static final String BOOT_METRICS_ENABLED = "management.otlp.metrics.export.enabled";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> boot = new HashMap<>();
        String endpoint = environment.getProperty(TRACES_ENDPOINT, "").strip();
        if (!endpoint.isEmpty()) {
            boot.put(BOOT_TRACES_ENDPOINT, endpoint);
        }
        boot.put(BOOT_METRICS_ENABLED, Boolean.parseBoolean(environment.getProperty(METRICS_ENABLED, "").strip()));
        environment.getPropertySources().addLast(new MapPropertySource("fillonceOtlpExport", boot));
    }

    /** After the configuration data (application.yml) is loaded. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
