package io.fillonce.sync.flow;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When an alert opens (deploy/monitoring/fillonce-alerts.yml states the same rules, with these defaults, for
 * Prometheus). Each condition must hold for its {@code …For} before the alert fires (PENDING until then); it closes
 * as soon as the condition is gone. Evaluated every {@code every}. {@code intakeUrl}: where intake's relay figures
 * are read (its actuator). {@code flowWindow}: the deliveries counted in a flow's rate (at most 15 minutes).
 */
@ConfigurationProperties("fillonce.sync.alerts")
public record AlertSettings(@DefaultValue("15s") Duration every,
        @DefaultValue("2m") Duration failingFor,
        @DefaultValue("300") double lagSeconds, @DefaultValue("5m") Duration laggingFor,
        @DefaultValue("1000") long relayBacklog, @DefaultValue("5m") Duration relayBacklogFor,
        @DefaultValue("120") double relayOldestSeconds, @DefaultValue("2m") Duration relayStuckFor,
        @DefaultValue("1m") Duration fanOutStoppedFor, @DefaultValue("2m") Duration consumerStoppedFor,
        @DefaultValue("http://127.0.0.1:8081") String intakeUrl,
        @DefaultValue("5m") Duration flowWindow, String traceLink) {
}
