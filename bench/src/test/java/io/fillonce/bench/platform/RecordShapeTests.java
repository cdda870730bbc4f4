package io.fillonce.bench.platform;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class RecordShapeTests {

    private final RecordShape shape = new RecordShape(1200);

    @Test
    void everyRecordIsExactlyTheRequestedSize() {
        for (int seq : new int[] { 0, 7, 12_345, 99_999_999 }) {
            assertThat(shape.record("r1abc", seq).getBytes(StandardCharsets.UTF_8)).hasSize(1200);
        }
    }

    @Test
    void recordsNameTheirRunAndNumberAndAreKeyedByBoth() {
        JsonNode record = Http.JSON.readTree(shape.record("r1abc", 42));

        assertThat(record.path("run").asString()).isEqualTo("r1abc");
        assertThat(record.path("seq").asInt()).isEqualTo(42);
        assertThat(record.path("idNumber").asString()).isEqualTo("r1abc-42");
    }

    @Test
    void ndjsonHasOneRecordALineFromTheGivenNumber() {
        String[] lines = shape.ndjson("r1abc", 10, 3).split("\n");

        assertThat(lines).hasSize(3);
        assertThat(Http.JSON.readTree(lines[2]).path("seq").asInt()).isEqualTo(12);
    }

    @Test
    void theSubscriptionPassesRunAndSeqThroughOnTheTopicChannel() {
        JsonNode subscription = RecordShape.subscription("bench-d01", "bench-f1");

        assertThat(subscription.path("fields").path("run").path("from").asString()).isEqualTo("/run");
        assertThat(subscription.path("fields").path("seq").path("from").asString()).isEqualTo("/seq");
        assertThat(subscription.path("channels").toString()).isEqualTo("[\"topic\"]");
    }

    @Test
    void theSchemaRequiresWhatTheMarkNeeds() {
        JsonNode type = shape.recordType("bench-f1");

        assertThat(type.path("entityKey").toString()).isEqualTo("[\"idNumber\"]");
        assertThat(type.path("schema").path("required").toString()).contains("\"run\"", "\"seq\"");
        assertThat(type.path("schema").path("properties").path("seq").path("type").asString()).isEqualTo("integer");
    }
}
