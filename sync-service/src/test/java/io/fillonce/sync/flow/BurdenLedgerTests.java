package io.fillonce.sync.flow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
 * A department's form counts as not filled again once per shared version, when its subscription's first channel
 * (topic, then webhook, then feed) confirms it, credited to who submitted the version; notices fill nothing; a batch
 * counted again after a crash credits nothing twice.
 */
class BurdenLedgerTests {

    private static final Instant AT = Instant.parse("2026-12-07T23:59:30Z");
    private static final String CADRE_A = "cadre:c-a";
    private static final String CADRE_B = "cadre:c-b";

    private final MongoServer server = new MongoServer(new MemoryBackend());
    private final MongoClient client = MongoClients.create(server.bindAndGetConnectionString());
    private final MongoTemplate mongo = new MongoTemplate(client, "burden-ledger");
    private final RegistryView registry = new RegistryView(event -> { },
            RegistryEntries.SEALING);
    private final BurdenLedger burden = new BurdenLedger(mongo, registry);
    private final FlowLedger ledger = new FlowLedger(mongo, JsonMapper.builder().build(), new SimpleMeterRegistry(),
            burden);

    BurdenLedgerTests() {
        subscribe("sub-civil", "civil-affairs", "[\"topic\", \"webhook\"]");
        subscribe("sub-health", "health", "[\"feed\"]");
        subscribe("sub-labour", "labour", "[\"webhook\"]");
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void aFormCountsOnceOnTheFirstChannelItsSubscriptionSharesByCreditedToItsSubmitter() {
        ledger.count(List.of(
                record(0, event("DELIVERED", "topic", AT, CADRE_A, 2, "civil", "health", "labour")),
                record(1, event("DELIVERED", "webhook", AT, CADRE_A, 2, "civil")), // topic counted it
                record(2, event("DELIVERED", "webhook", AT.plusSeconds(60), CADRE_B, 3, "labour")),
                record(3, event("FEED_READ", "feed", AT, CADRE_A, 1, "health")), // a feed read names no subscription
                record(4, event("DELIVERED", "topic", AT, CADRE_B, 0, "civil")), // a notice: no fields
                record(5, event("DELIVERED", "topic", AT, null, 4, "civil")),
                record(6, resyncCopy(event("DELIVERED", "topic", AT, CADRE_A, 2, "civil")))));

        assertThat(figures(BurdenLedger.ALL)).isEqualTo(new BurdenLedger.Figures(4, 10));
        assertThat(figures(CADRE_A)).isEqualTo(new BurdenLedger.Figures(2, 3));
        assertThat(figures(CADRE_B)).isEqualTo(new BurdenLedger.Figures(1, 3));
        assertThat(figures(BurdenLedger.UNKNOWN)).isEqualTo(new BurdenLedger.Figures(1, 4));
        assertThat(burden.cadreDays(CADRE_B, List.of("2026-12-07", "2026-12-08")).values()).containsExactly(
                new BurdenLedger.Figures(0, 0), new BurdenLedger.Figures(1, 3)); // UTC days
        assertThat(days()).containsExactlyInAnyOrder(
                "2026-12-07|cadre:c-a|civil-affairs|resident=1/2", "2026-12-07|cadre:c-a|health|resident=1/1",
                "2026-12-08|cadre:c-b|labour|resident=1/3", "2026-12-07|unknown|civil-affairs|resident=1/4");
    }

    @Test
    void aBatchCountedAgainAfterACrashCreditsNothingTwice() {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        for (int offset = 0; offset < 6; offset++) {
            records.add(record(offset, event("DELIVERED", "topic", AT, CADRE_A, 2, "civil")));
        }
        ledger.count(records.subList(0, 4));
        ledger.count(records.subList(0, 4));
        ledger.count(records.subList(2, 6));

        assertThat(figures(BurdenLedger.ALL)).isEqualTo(new BurdenLedger.Figures(6, 12));
        assertThat(figures(CADRE_A)).isEqualTo(new BurdenLedger.Figures(6, 12));
        assertThat(days()).containsExactly("2026-12-07|cadre:c-a|civil-affairs|resident=6/12");
    }

    private BurdenLedger.Figures figures(String id) {
        return burden.totals(id);
    }

    private List<String> days() {
        return mongo.findAll(Document.class, BurdenLedger.DAYS).stream().map(day -> day.getString("_id") + "="
                + day.get("forms") + "/" + day.get("fields")).toList();
    }

    private void subscribe(String id, String department, String channels) {
        RegistryEntries.Entry entry = RegistryEntries.subscription(id, department, "resident",
                "{\"xm\": {\"from\": \"/name\"}}", "null", channels);
        registry.apply(entry.entry());
    }

    /** An audit event handing {@code fields} fields of a version submitted by {@code submitter} to departments. */
    private static byte[] event(String action, String channel, Instant at, String submitter, int fields,
            String... subscriptions) {
        String pointers = Arrays.stream(new String[] {"\"/a\"", "\"/b\"", "\"/c\"", "\"/d\""}).limit(fields)
                .collect(Collectors.joining(", "));
        String recipients = Arrays.stream(subscriptions).map(subscription -> """
                {"department": "%s", "subscription": %s, "fields": [%s]}""".formatted(department(subscription),
                "FEED_READ".equals(action) ? "null" : "\"sub-" + subscription + "\"", pointers))
                .collect(Collectors.joining(", "));
        return """
                {"time": "%s", "actor": "sync", "action": "%s", "type": "resident", "entityKey": "370602",
                 "version": 1, "eventId": "rec-1:1", "channel": "%s", "recipients": [%s]%s}""".formatted(at, action,
                channel, recipients, submitter == null ? "" : ", \"submittedBy\": \"" + submitter + "\"")
                .getBytes();
    }

    /** The event as a re-sync job's walk writes it: the recipient's event id derived from the version's. */
    private static byte[] resyncCopy(byte[] event) {
        return new String(event).replace("\"subscription\": \"sub-civil\"",
                "\"subscription\": \"sub-civil\", \"eventId\": \"rec-1:1~job-1\"").getBytes();
    }

    private static String department(String subscription) {
        return "civil".equals(subscription) ? "civil-affairs" : subscription;
    }

    private static ConsumerRecord<String, byte[]> record(long offset, byte[] value) {
        return new ConsumerRecord<>("fillonce.sync.audit", 0, offset, "resident/370602", value);
    }
}
