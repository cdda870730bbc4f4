package io.fillonce.intake;

import java.net.http.HttpResponse;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import static io.fillonce.intake.RecordsTopic.header;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One trace from the gateway's hop to the event on {@code fillonce.records}: intake's server span continues the
 * {@code traceparent} the gateway sends, and the event of each version it accepts names that span in the CloudEvents
 * extension {@code traceparent} (see {@link IntakeIntegrationContext}).
 */
class TracingIntegrationTests extends IntakeIntegrationContext {

    private static final String GATEWAY_SPAN = "00f067aa0ba902b7";

    @Test
    void theEventOfASubmissionContinuesTheTraceItCameWith() {
        String trace = "4bf92f3577b34da6a3ce929d0e0e4736";

        HttpResponse<String> created = intake.send("POST", "/api/records/resident", "application/json",
                Residents.record("370602197101010001").toString(), "traceparent", traceparent(trace));

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String published = header(records.await("resident/370602197101010001", 1).get(0), "ce_traceparent");
        assertThat(published).matches("^00-" + trace + "-[0-9a-f]{16}-01$").doesNotContain(GATEWAY_SPAN);
    }

    @Test
    void readsNoB3Headers() {
        String b3Trace = "80f198ee56343ba864fe8b2a57d3eff7";

        HttpResponse<String> created = intake.send("POST", "/api/records/resident", "application/json",
                Residents.record("370602197101010004").toString(), "b3", b3Trace + "-e457b5a2e4d86bd1-1");

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(header(records.await("resident/370602197101010004", 1).get(0), "ce_traceparent"))
                .matches("^00-[0-9a-f]{32}-[0-9a-f]{16}-01$").doesNotContain(b3Trace);
    }

    @Test
    void theEventsOfABulkUploadCarryTheUploadRequestsTrace() {
        String trace = "0af7651916cd43dd8448eb211c80319c";
        String upload = Residents.record("370602197101010002") + "\n"
                + Residents.record("370602197101010002").put("phone", "13900001234") + "\n";

        HttpResponse<String> accepted = intake.send("POST", "/api/records/resident/batch", "application/x-ndjson",
                upload, "traceparent", traceparent(trace));

        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        List<String> published = records.await("resident/370602197101010002", 2).stream()
                .map(event -> header(event, "ce_traceparent")).toList();
        assertThat(published).allMatch(traceparent -> traceparent.matches("^00-" + trace + "-[0-9a-f]{16}-01$"))
                .doesNotContain(traceparent(trace)).containsOnly(published.get(0));
    }

    @Test
    void aSubmissionWithoutATraceStartsOne() {
        HttpResponse<String> created = intake.submit("resident", Residents.record("370602197101010003").toString());

        assertThat(created.statusCode()).isEqualTo(201);
        ConsumerRecord<String, byte[]> event = records.await("resident/370602197101010003", 1).get(0);
        assertThat(header(event, "ce_traceparent")).matches("^00-[0-9a-f]{32}-[0-9a-f]{16}-01$");
    }

    private static String traceparent(String trace) {
        return "00-" + trace + "-" + GATEWAY_SPAN + "-01";
    }
}
