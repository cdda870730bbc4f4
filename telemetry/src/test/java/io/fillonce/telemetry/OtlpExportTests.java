package io.fillonce.telemetry;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class OtlpExportTests {

    @Test
    void exportsNothingWhenTheSettingsAreBlank() {
        StandardEnvironment environment = environment(Map.of(OtlpExport.TRACES_ENDPOINT, " ",
                OtlpExport.METRICS_ENABLED, ""));

        new OtlpExport().postProcessEnvironment(environment, null);

        assertThat(environment.containsProperty(OtlpExport.BOOT_TRACES_ENDPOINT)).isFalse();
        assertThat(environment.getProperty(OtlpExport.BOOT_METRICS_ENABLED)).isEqualTo("false");
    }

    @Test
    void exportsSpansToTheEndpointAndMetricsWhenAskedTo() {
        StandardEnvironment environment = environment(Map.of(OtlpExport.TRACES_ENDPOINT,
                "http://collector:4318/v1/traces", OtlpExport.METRICS_ENABLED, "true"));

        new OtlpExport().postProcessEnvironment(environment, null);

        assertThat(environment.getProperty(OtlpExport.BOOT_TRACES_ENDPOINT))
                .isEqualTo("http://collector:4318/v1/traces");
        assertThat(environment.getProperty(OtlpExport.BOOT_METRICS_ENABLED)).isEqualTo("true");
    }

    @Test
    void leavesBootsOwnPropertiesFirst() {
        StandardEnvironment environment = environment(Map.of(OtlpExport.METRICS_ENABLED, "false",
                OtlpExport.BOOT_METRICS_ENABLED, "true"));

        new OtlpExport().postProcessEnvironment(environment, null);

        assertThat(environment.getProperty(OtlpExport.BOOT_METRICS_ENABLED)).isEqualTo("true");
    }

    private static StandardEnvironment environment(Map<String, Object> properties) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
        return environment;
    }
}
