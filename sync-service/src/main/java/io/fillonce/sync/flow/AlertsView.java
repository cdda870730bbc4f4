package io.fillonce.sync.flow;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code GET /api/ops/alerts}: the open alerts, each PENDING (its condition holds, not yet for its rule's
 * {@code for}) or FIRING, with since when its condition holds and since when it fires; and the rules with their
 * thresholds.
 */
public record AlertsView(List<Alert> alerts, List<Rule> rules) {

    public enum State {
        PENDING, FIRING
    }

    public record Alert(String id, String rule, String severity, State state, Instant since, Instant firingSince,
            String summary, Map<String, String> labels) {
    }

    /** {@code for}: how long the condition must hold before the alert fires (ISO-8601, e.g. PT5M). */
    public record Rule(String rule, String severity, @JsonProperty("for") String forDuration, String threshold) {

        Duration pending() {
            return Duration.parse(forDuration);
        }
    }
}
