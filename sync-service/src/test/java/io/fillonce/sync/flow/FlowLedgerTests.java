package io.fillonce.sync.flow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.fillonce.sync.RegistryEntries;
import io.fillonce.sync.registry.RegistryView;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.mongodb.core.MongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ledger counts every confirmed delivery once: per department of an event, on its channel; not reads or refused
 * reads; and a batch counted again after a crash (the same, or overlapping differently) adds nothing twice.
 */
class FlowLedgerTests {

    private static final Instant AT = Instant.parse("2026-12-07T10:00:30Z");

    private final MongoServer server = new MongoServer(new MemoryBackend());
    private final MongoClient client = MongoClients.create(server.bindAndGetConnectionString());
    private final MongoTemplate mongo = new MongoTemplate(client, "flow-ledger");
    private final FlowLedger ledger = new FlowLedger(mongo, JsonMapper.builder().build(), new SimpleMeterRegistry(),
            new BurdenLedger(mongo, new RegistryView(event -> { },
                    RegistryEntries.SEALING)));

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void countsEachDepartmentsConfirmedCopyOnItsChannelAndTheFieldsItFilled() {
        ledger.count(List.of(
                record(0, delivered("topic", AT, "civil-affairs", "health")),
                record(1, delivered("webhook", AT.plusSeconds(5), "civil-affairs")),
                record(2, event("FEED_READ", "feed", AT, null, "health")),
                record(3, event("RECORD_READ", null, AT, null, "civil-affairs")),
                record(4, event("FEED_READ", "feed", AT, "REFUSED", "health")),
                record(5, "not json".getBytes())));

        assertThat(delivered()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "resident|civil-affairs|topic", 1L, "resident|health|topic", 1L,
                "resident|civil-affairs|webhook", 1L, "resident|health|feed", 1L));
        Document webhook = mongo.findById("resident|civil-affairs|webhook", Document.class, FlowLedger.TOTALS);
        assertThat(webhook.getLong("fields")).isEqualTo(2);
        assertThat(webhook.getDate("lastDelivery").toInstant()).isEqualTo(AT.plusSeconds(5));
        assertThat(ledger.deliveredSince(AT.getEpochSecond() / 60)).containsEntry("resident|civil-affairs|topic", 1L);
        assertThat(ledger.deliveredSince(AT.getEpochSecond() / 60 + 1)).isEmpty();
    }

    @Test
    void aBatchCountedAgainAfterACrashAddsNothingTwiceEvenWhenItIsPolledDifferently() {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        for (int offset = 0; offset < 6; offset++) {
            records.add(record(offset, delivered("topic", AT.plusSeconds(offset), "civil-affairs")));
        }
        ledger.count(records.subList(0, 4));
        ledger.count(records.subList(0, 4)); // stored, but the offsets were not committed: polled again
        ledger.count(records.subList(2, 6)); // after a rebalance, polled from offset 2

        assertThat(delivered()).containsExactly(Map.entry("resident|civil-affairs|topic", 6L));
        assertThat(ledger.deliveredSince(AT.getEpochSecond() / 60)).containsExactly(
                Map.entry("resident|civil-affairs|topic", 6L));
    }

    @Test
    void aMinuteSlotStartsAfreshForANewMinuteAndIgnoresOnesItHasPassed() {
        Instant later = AT.plusSeconds(60L * FlowLedger.SLOTS); // the same slot of the ring, sixteen minutes on
        ledger.count(List.of(record(0, delivered("topic", AT, "civil-affairs")),
                record(1, delivered("topic", later, "civil-affairs")),
                record(2, delivered("topic", AT, "civil-affairs"))));

        assertThat(ledger.deliveredSince(later.getEpochSecond() / 60)).containsExactly(
                Map.entry("resident|civil-affairs|topic", 1L));
        assertThat(delivered()).containsExactly(Map.entry("resident|civil-affairs|topic", 3L));
    }

    private Map<String, Long> delivered() {
        return ledger.totals().stream().collect(Collectors.toMap(total -> total.getString("_id"),
                total -> total.getLong("delivered")));
    }

    private static byte[] delivered(String channel, Instant at, String... departments) {
        return event("DELIVERED", channel, at, null, departments);
    }

    private static byte[] event(String action, String channel, Instant at, String outcome, String... departments) {
        String recipients = java.util.Arrays.stream(departments).map(department -> """
                {"department": "%s", "subscription": "sub-%s", "fields": ["/xm", "/sj"], "purpose": "p",
                 "legalBasis": "l", "payloadHash": "h"}""".formatted(department, department))
                .collect(Collectors.joining(", "));
        return """
                {"time": "%s", "actor": "sync", "action": "%s", "type": "resident", "entityKey": "370602",
                 "recordId": "rec-1", "version": 1, "eventId": "rec-1:1", "channel": %s, "recipients": [%s],
                 "outcome": %s}""".formatted(at, action, channel == null ? "null" : "\"" + channel + "\"",
                recipients, outcome == null ? "null" : "\"" + outcome + "\"").getBytes();
    }

    private static ConsumerRecord<String, byte[]> record(long offset, byte[] value) {
        return new ConsumerRecord<>("fillonce.sync.audit", 0, offset, "resident/370602", value);
    }
}
