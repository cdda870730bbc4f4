package io.fillonce.intake;

import java.net.http.HttpResponse;
import java.time.Duration;

import io.fillonce.telemetry.Scrape;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The service's own metrics as Prometheus scrapes them ({@code /actuator/prometheus}), after some traffic; counters
 * are compared with a scrape before it, as every integration test class shares the service (see
 * {@link IntakeIntegrationContext}).
 */
class MetricsIntegrationTests extends IntakeIntegrationContext {

    private static final String APP = "intake-service";

    @Test
    void countsEachAcceptedVersionOnceAndEachRejectedRecordByReason() {
        Scrape before = scrape();
        String path = "/api/records/resident";
        String record = Residents.record("370602197202020001").toString();

        assertThat(post(path, record, "Idempotency-Key", "metrics-1").statusCode()).isEqualTo(201);
        assertThat(post(path, record, "Idempotency-Key", "metrics-1").statusCode()).isEqualTo(201);
        assertThat(post(path, record).statusCode()).isEqualTo(200);
        assertThat(intake.send("PATCH", path + "/370602197202020001", "application/merge-patch+json",
                "{\"phone\":\"13900002222\"}", "If-Match", "\"1\"").statusCode()).isEqualTo(201);
        assertThat(intake.send("PATCH", path + "/370602197202020001", "application/merge-patch+json",
                "{\"phone\":\"13900003333\"}", "If-Match", "\"1\"").statusCode()).isEqualTo(412);
        assertThat(post(path, Residents.record("370602197202020002").put("gender", "X").toString()).statusCode())
                .isEqualTo(422);
        assertThat(post("/api/records/vehicle", "{\"plate\":\"A1\"}").statusCode()).isEqualTo(404);
        assertThat(post(path, "{\"idNumber\": ").statusCode()).isEqualTo(400);

        Scrape after = scrape();
        assertThat(increase(before, after, "fillonce_records_received_total", "type", "resident", "channel", "submit"))
                .isEqualTo(1);
        assertThat(increase(before, after, "fillonce_records_received_total", "type", "resident", "channel", "patch"))
                .isEqualTo(1);
        assertThat(increase(before, after, "fillonce_records_rejected_total", "type", "resident", "reason",
                "precondition")).isEqualTo(1);
        assertThat(increase(before, after, "fillonce_records_rejected_total", "type", "resident", "reason", "invalid"))
                .isEqualTo(1);
        assertThat(increase(before, after, "fillonce_records_rejected_total", "type", "unknown", "reason",
                "unknown-type")).isEqualTo(1);
        assertThat(increase(before, after, "fillonce_records_rejected_total", "type", "resident", "reason",
                "malformed")).isEqualTo(1);
        assertThat(after.has("fillonce_records_rejected_total", "type", "vehicle")).isFalse();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(increase(before, scrape(),
                "fillonce_events_published_total", "type", "resident")).isGreaterThanOrEqualTo(2));
    }

    @Test
    void countsTheLinesOfABulkUploadAsBatchAndTheirRefusalsByReason() {
        Scrape before = scrape();
        String upload = Residents.record("370602197202020003") + "\n"
                + Residents.record("370602197202020004").put("gender", "X") + "\n" + "[1]\n";

        assertThat(intake.send("POST", "/api/records/resident/batch", "application/x-ndjson", upload).statusCode())
                .isEqualTo(202);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Scrape after = scrape();
            assertThat(increase(before, after, "fillonce_records_received_total", "type", "resident", "channel",
                    "batch")).isEqualTo(1);
            assertThat(increase(before, after, "fillonce_records_rejected_total", "type", "resident", "reason",
                    "invalid")).isEqualTo(1);
            assertThat(increase(before, after, "fillonce_records_rejected_total", "type", "resident", "reason",
                    "malformed")).isEqualTo(1);
        });
    }

    @Test
    void reportsTheRelayAndTheRegistryViewAsGauges() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Scrape scrape = scrape();
            assertThat(scrape.has("fillonce_relay_backlog", "application", APP)).isTrue();
            assertThat(scrape.has("fillonce_relay_oldest_seconds", "application", APP)).isTrue();
            assertThat(scrape.value("fillonce_relay_oldest_seconds")).isGreaterThanOrEqualTo(0);
            assertThat(scrape.has("fillonce_registry_view_age_seconds", "application", APP)).isTrue();
            assertThat(scrape.value("fillonce_registry_view_age_seconds")).isZero();
        });
    }

    private HttpResponse<String> post(String path, String body, String... headers) {
        return intake.send("POST", path, "application/json", body, headers);
    }

    private Scrape scrape() {
        HttpResponse<String> scrape = intake.get("/actuator/prometheus");
        assertThat(scrape.statusCode()).isEqualTo(200);
        return Scrape.of(scrape.body());
    }

    /** How much a counter of this service grew between two scrapes. */
    private static double increase(Scrape before, Scrape after, String name, String... labels) {
        String[] ours = new String[labels.length + 2];
        ours[0] = "application";
        ours[1] = APP;
        System.arraycopy(labels, 0, ours, 2, labels.length);
        return after.value(name, ours) - before.value(name, ours);
    }
}
