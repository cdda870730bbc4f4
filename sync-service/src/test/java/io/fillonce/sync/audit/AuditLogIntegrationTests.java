package io.fillonce.sync.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.fillonce.contracts.trust.AuditDigest;
import io.fillonce.sync.TestSubjects;
import io.fillonce.sync.mapping.FieldHashes;
import io.fillonce.sync.mapping.MappingSettings;
import io.fillonce.web.InvalidParameter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;

/** The hash chain on the MongoDB wire server: appends from racing writers, and tampering done directly in MongoDB. */
class AuditLogIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final MongoServer server = new MongoServer(new MemoryBackend());
    private final MongoClient client = MongoClients.create(server.bindAndGetConnectionString());
    private final MongoTemplate mongo = new MongoTemplate(client, "audit-test");
    private final AuditVerifier verifier = new AuditVerifier(mongo, JSON);

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void twoWritersRacingProduceOneUnbrokenChainWithEveryEntry() throws Exception {
        AuditLog first = new AuditLog(mongo, JSON);
        AuditLog second = new AuditLog(mongo, JSON);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> appends = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            AuditLog writer = i % 2 == 0 ? first : second;
            int n = i;
            appends.add(pool.submit(() -> append(writer, access(n, "a"), access(n, "b"))));
        }
        for (Future<?> append : appends) {
            append.get();
        }
        pool.shutdown();

        AuditVerification result = verifier.verify(1, Long.MAX_VALUE);
        assertThat(result.ok()).as(result.toString()).isTrue();
        assertThat(result.checked()).isEqualTo(200);
        assertThat(result.lastSequence()).isEqualTo(200);
        assertThat(eventIds()).hasSize(200).doesNotHaveDuplicates();
    }

    @Test
    void aWriterWhoseHeadIsBehindChainsAfterWhatAnotherWriterStored() {
        AuditLog first = new AuditLog(mongo, JSON);
        AuditLog second = new AuditLog(mongo, JSON);
        append(first, access(1, "a"));
        append(second, access(2, "a"));
        append(first, access(3, "a"));
        mongo.remove(query(where("_id").is(AuditLog.HEAD_ID)), AuditLog.HEAD);
        append(new AuditLog(mongo, JSON), access(4, "a"));

        assertThat(verifier.verify(1, Long.MAX_VALUE)).extracting(AuditVerification::ok,
                AuditVerification::lastSequence).containsExactly(true, 4L);
    }

    @Test
    void anEntryAlteredInMongoIsReportedAsTamperedAtItsSequence() {
        appendBlocks(new AuditLog(mongo, JSON), 5);
        alter(5L, "civil-affairs", "intruder");

        AuditVerification result = verifier.verify(1, Long.MAX_VALUE);

        assertThat(result.ok()).isFalse();
        assertThat(result.brokenAt()).isEqualTo(5L);
        assertThat(result.problem()).isEqualTo("tampered");
        assertThat(result.reason()).contains("hash mismatch");
        assertThat(verifier.verify(1, 4).ok()).isTrue();
    }

    @Test
    void theBackgroundWatchFindsTamperingOnItsNextRoundAndSaysSoInItsMeters() {
        AuditLog log = new AuditLog(mongo, JSON);
        appendBlocks(log, 5);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        AuditWatch watch = new AuditWatch(verifier, log, Duration.ofMinutes(1), meters);
        assertThat(watch.failed()).as("before its first run").isNull();

        watch.runOnce();
        assertThat(watch.failed()).isFalse();
        assertThat(meters.get("fillonce.audit.chain.length").gauge().value()).isEqualTo(5);
        assertThat(meters.get("fillonce.audit.verification.failed").gauge().value()).isZero();

        alter(3L, "civil-affairs", "intruder");
        watch.runOnce(); // the last run reached the end: this one starts again at the beginning
        assertThat(watch.failed()).isTrue();
        assertThat(watch.problem()).isEqualTo("tampered at 3");
        assertThat(meters.get("fillonce.audit.verification.failed").gauge().value()).isEqualTo(1);

        alter(3L, "intruder", "civil-affairs");
        watch.runOnce(); // a whole round (this chain is one run long) finds it whole again
        assertThat(watch.failed()).isFalse();
    }

    @Test
    void aRangeIsCheckedFromTheEntryBeforeItSoABreakOutsideTheRangeDoesNotCount() {
        appendBlocks(new AuditLog(mongo, JSON), 8);
        alter(3L, "\"version\":1", "\"version\":99");

        assertThat(verifier.verify(5, 8)).extracting(AuditVerification::ok, AuditVerification::checked,
                AuditVerification::lastSequence).containsExactly(true, 4L, 8L);
        assertThat(verifier.verify(4, 8)).extracting(AuditVerification::ok, AuditVerification::brokenAt)
                .containsExactly(false, 3L);
        assertThat(new AuditVerifier(new MongoTemplate(client, "empty"), JSON).verify(1, Long.MAX_VALUE))
                .extracting(AuditVerification::ok, AuditVerification::checked).containsExactly(true, 0L);
    }

    @Test
    void aBlockAlteredWithItsHashRecomputedBreaksTheLinkOfTheNextOne() {
        appendBlocks(new AuditLog(mongo, JSON), 5);
        Document block = mongo.findById(3L, Document.class, AuditLog.BLOCKS);
        String forged = block.getString("entries").replace("civil-affairs", "intruder");
        Document recomputed = AuditBlock.of(3L, block.getString("prevHash"), AuditBlock.events(forged).stream()
                .map(event -> event.getBytes(StandardCharsets.UTF_8)).toList(), Set.of());
        mongo.updateFirst(query(where("_id").is(3L)), new Update().set("entries", forged)
                .set("digests", recomputed.get("digests")).set("personal", recomputed.get("personal"))
                .set("hash", recomputed.getString("hash")), AuditLog.BLOCKS);

        AuditVerification result = verifier.verify(1, Long.MAX_VALUE);

        assertThat(result).extracting(AuditVerification::brokenAt, AuditVerification::problem)
                .containsExactly(4L, "tampered");
    }

    @Test
    void deletedEntriesInTheMiddleOrAtTheEndAreReportedAsMissingSequences() {
        appendBlocks(new AuditLog(mongo, JSON), 6);
        mongo.remove(query(where("_id").is(3L)), AuditLog.BLOCKS);

        AuditVerification middle = verifier.verify(1, Long.MAX_VALUE);
        assertThat(middle).extracting(AuditVerification::brokenAt, AuditVerification::problem)
                .containsExactly(3L, "deleted");
        assertThat(middle.reason()).contains("sequence 3 is missing");

        mongo.remove(query(where("_id").gte(4L)), AuditLog.BLOCKS);
        AuditVerification tail = verifier.verify(1, Long.MAX_VALUE);
        assertThat(tail).extracting(AuditVerification::brokenAt, AuditVerification::problem)
                .containsExactly(3L, "deleted");
        assertThat(tail.reason()).contains("had reached 6");
    }

    @Test
    void aDeliveryRemovedFromInsideABlockBreaksItsHashEvenWithItsCountCorrected() {
        append(new AuditLog(mongo, JSON), access(1, "a"), access(2, "a"), access(3, "a"));
        Document block = mongo.findById(1L, Document.class, AuditLog.BLOCKS);
        List<Object> entries = new ArrayList<>(List.of(JSON.readValue(block.getString("entries"), Object[].class)));
        entries.remove(1);
        mongo.updateFirst(query(where("_id").is(1L)), new Update().set("entries", JSON.writeValueAsString(entries))
                .set("count", 2), AuditLog.BLOCKS);

        AuditVerification result = verifier.verify(1, Long.MAX_VALUE);
        assertThat(result).extracting(AuditVerification::brokenAt, AuditVerification::problem)
                .containsExactly(1L, "tampered");
        assertThat(result.reason()).contains("altered, removed or reordered");
    }

    @Test
    void aChainStartedInTheFormerFormatGoesOnInBlocksAndStillVerifiesAndFindsTampering() {
        AuditHashing hashing = new AuditHashing(JSON);
        String previous = AuditHashing.GENESIS;
        for (long seq = 1; seq <= 3; seq++) {
            AuditEntry entry = new AuditEntry(seq, "2026-11-27T08:00:00Z", "sync-service", "DELIVERED",
                    "civil-affairs", "resident", "e-1", "rec-1", seq, "rec-1:" + seq, "webhook", List.of("/xm"),
                    "purpose", "legal basis", "sha256:" + AuditDigest.sha256(payload(1)), previous, null);
            entry = new AuditEntry(entry.seq(), entry.time(), entry.actor(), entry.action(), entry.department(),
                    entry.type(), entry.entityKey(), entry.recordId(), entry.version(), entry.eventId(),
                    entry.channel(), entry.fields(), entry.purpose(), entry.legalBasis(), entry.payloadHash(),
                    entry.prevHash(), hashing.hash(entry));
            mongo.insert(new Document("_id", seq).append("entries", List.of(AuditDocuments.document(entry))),
                    AuditLog.BLOCKS);
            previous = entry.hash();
        }
        append(new AuditLog(mongo, JSON), access(1, "b"), access(1, "c"));

        assertThat(verifier.verify(1, Long.MAX_VALUE)).extracting(AuditVerification::ok, AuditVerification::checked,
                AuditVerification::lastSequence).containsExactly(true, 5L, 5L);
        assertThat(new EntityAccessLog(mongo, JSON).page("resident", "e-1", null, 10).items())
                .extracting(EntityAccess::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
        mongo.updateFirst(query(where("_id").is(2L)), new Update().set("entries.0.department", "intruder"),
                AuditLog.BLOCKS);
        assertThat(verifier.verify(1, Long.MAX_VALUE)).extracting(AuditVerification::brokenAt,
                AuditVerification::problem).containsExactly(2L, "tampered");
    }

    @Test
    void keepsTheFieldNamesAndTheHashOfThePayloadNeverThePayload() {
        append(new AuditLog(mongo, JSON), access(1, "a"));

        Document stored = mongo.findById(1L, Document.class, AuditLog.BLOCKS);
        AuditEvent entry = JSON.readValue(stored.getString("entries"), AuditEvent[].class)[0];
        assertThat(entry.recipients().get(0).fields()).containsExactly("/xm", "/jzxx/dz");
        assertThat(entry.recipients().get(0).payloadHash()).isEqualTo("sha256:" + AuditDigest.sha256(payload(1)));
        assertThat(stored.toJson()).doesNotContain("Li Mei");
        assertThat(stored.getString("prevHash")).isEqualTo(AuditHashing.GENESIS);
        assertThat(stored.getList("subjects", String.class)).containsExactly("resident/e-1");
    }

    @Test
    void aPrefillReadIsInTheEntitysAccessLogWithWhoReadItAndWhy() {
        AuditLog log = new AuditLog(mongo, JSON);
        append(log, access(1, "a"));
        append(log, Access.prefillRead("department:civil-affairs", "civil-affairs", "resident", "e-1", "rec-1:3", 3,
                "prefill the allowance form", "art. 12", payload(1)));

        EntityAccessPage page = new EntityAccessLog(mongo, JSON).page("resident", "e-1", null, 10);

        assertThat(page.items()).extracting(EntityAccess::action).containsExactly("DELIVERED", "PREFILL_READ");
        EntityAccess prefill = page.items().get(1);
        assertThat(prefill).extracting(EntityAccess::actor, EntityAccess::channel, EntityAccess::version,
                EntityAccess::purpose).containsExactly("department:civil-affairs", "prefill", 3L,
                        "prefill the allowance form");
        assertThat(new EntityAccessLog(mongo, JSON).page("resident", "e-1", "1", 10).items()).hasSize(1);
        assertThat(page.next()).as("the end").isNull();
    }

    @Test
    void pagesThroughAnEventThatReachedManyDepartmentsWithoutSkippingOrRepeatingAndEnd() {
        AuditLog log = new AuditLog(mongo, JSON);
        append(log, access(1, "a"));
        AuditEvent toThree = AuditEvent.erased(Instant.now(), "admin:dpo", "resident", "e-1", 1, "rec-1:1",
                List.of(recipient("civil-affairs"), recipient("health"), recipient("education")));
        log.append(List.of(JSON.writeValueAsBytes(toThree)), Set.of("resident/e-1"), null, Set.of(), Map.of());
        append(log, access(1, "b"));
        EntityAccessLog accessLog = new EntityAccessLog(mongo, JSON);
        List<String> all = accessLog.page("resident", "e-1", null, 100).items().stream()
                .map(access -> access.seq() + " " + access.department()).toList();

        List<String> paged = new ArrayList<>();
        List<String> cursors = new ArrayList<>();
        String after = null;
        do {
            EntityAccessPage page = accessLog.page("resident", "e-1", after, 2);
            page.items().forEach(access -> paged.add(access.seq() + " " + access.department()));
            after = page.next();
            cursors.add(after);
        } while (after != null && cursors.size() < 10);

        assertThat(all).hasSize(5).contains("2 civil-affairs", "2 health", "2 education");
        assertThat(paged).isEqualTo(all);
        assertThat(cursors).as("a page ending inside an event says how many of its recipients it gave")
                .containsExactly("2.1", "2", null);
        assertThatThrownBy(() -> accessLog.page("resident", "e-1", "2.x", 2)).isInstanceOf(InvalidParameter.class);
    }

    private static AuditEvent.Recipient recipient(String department) {
        return new AuditEvent.Recipient(department, "sub-" + department, null, List.of(), "purpose", "basis", null,
                false);
    }

    @Test
    void anErasureRedactsTheEntityFromEveryEntryNamingItAndTheChainStillVerifies() {
        AuditLog log = new AuditLog(mongo, JSON);
        append(log, access(1, "a"), access(2, "a"));
        append(log, access(2, "b"));
        append(log, access(3, "a"));
        AuditEvent erased = AuditEvent.erased(Instant.now(), "admin:dpo", "resident", "e-2", 3, "rec-2:3",
                List.of(new AuditEvent.Recipient("civil-affairs", "sub-1", null, List.of(), "purpose", "basis", null,
                        false)));
        log.append(List.of(JSON.writeValueAsBytes(erased)), Set.of("resident/e-2"), null,
                Set.of("resident/e-2"), Map.of());
        List<Object> published = new ArrayList<>();
        AuditRedaction redaction = new AuditRedaction(mongo, JSON,
                new FieldHashes(new MappingSettings(TestSubjects.HASH_SECRET)), published::add);
        redaction.redactPending();
        assertThat(published).containsExactly(new EntityErased("resident/e-2"));

        List<Document> blocks = mongo.findAll(Document.class, AuditLog.BLOCKS);
        assertThat(blocks.toString()).as("the key is gone").doesNotContain("e-2\"", "resident/e-2", "Li Mei 2")
                .contains("\"e-1\"", "\"e-3\"");
        assertThat(blocks).allSatisfy(block -> assertThat(block.containsKey(AuditRedaction.ERASING)).isFalse());
        AuditVerification result = verifier.verify(1, Long.MAX_VALUE);
        assertThat(result.ok()).as(result.toString()).isTrue();
        assertThat(result.checked()).isEqualTo(5);
        Document third = mongo.findById(3L, Document.class, AuditLog.BLOCKS);
        JsonNode redacted = JSON.readTree(third.getString("entries")).get(0);
        assertThat(third.get(AuditBlock.REDACTED, Document.class).get("0", Number.class).longValue())
                .as("names the erasure's block").isEqualTo(5);
        assertThat(redacted.get("entityKey").stringValue()).isEmpty();
        assertThat(redacted.get("recordId").stringValue()).isEqualTo("rec-2");
        assertThat(redacted.at("/recipients/0/payloadHash").stringValue()).isEmpty();
        assertThat(JSON.readTree(mongo.findById(5L, Document.class, AuditLog.BLOCKS).getString("entries")).get(0)
                .get("action").stringValue()).as("the erasure itself is told").isEqualTo("ERASED");
        assertThat(new EntityAccessLog(mongo, JSON).page("resident", "e-2", null, 10).items()).isEmpty();
        assertThat(new EntityAccessLog(mongo, JSON).page("resident", "e-1", null, 10).items()).hasSize(1);

        AuditRedaction.Batch late = redaction.redactLate(List.of(JSON.writeValueAsBytes(AuditEvent.of(access(2, "c"),
                Instant.now(), JSON.readTree(payload(2)))), JSON.writeValueAsBytes(AuditEvent.of(access(4, "a"),
                Instant.now(), JSON.readTree(payload(4))))), List.of("resident/e-2", "resident/e-4"));
        log.append(late.events(), late.subjects(), null, Set.of(), late.redacted());
        assertThat(late.subjects()).as("a late event of the erased entity names it no more").containsExactly(
                "resident/e-4");
        Document sixth = mongo.findById(6L, Document.class, AuditLog.BLOCKS);
        JsonNode lateBlock = JSON.readTree(sixth.getString("entries"));
        assertThat(sixth.get(AuditBlock.REDACTED, Document.class).get("0", Number.class).longValue()).isEqualTo(5);
        assertThat(lateBlock.get(0).get("entityKey").stringValue()).isEmpty();
        assertThat(lateBlock.get(1).get("entityKey").stringValue()).isEqualTo("e-4");
        assertThat(verifier.verify(1, Long.MAX_VALUE).ok()).isTrue();

        alter(3L, "civil-affairs", "intruder");
        assertThat(verifier.verify(1, Long.MAX_VALUE)).as("what a redacted entry still says is covered")
                .extracting(AuditVerification::brokenAt).isEqualTo(3L);
        alter(3L, "intruder", "civil-affairs");
        alter(1L, "\"e-1\"", "\"e-9\"");
        assertThat(verifier.verify(1, Long.MAX_VALUE)).as("and so are the other entries")
                .extracting(AuditVerification::brokenAt).isEqualTo(1L);
    }

    private void appendBlocks(AuditLog log, int count) {
        IntStream.rangeClosed(1, count).forEach(n -> append(log, access(n, "a")));
    }

    private static void append(AuditLog log, Access... accesses) {
        log.append(Arrays.stream(accesses).map(a -> AuditEvent.of(a, Instant.now(),
                JSON.readTree(a.payload()))).toList(), null);
    }

    /** Changes a block's entries text as someone with write access to MongoDB could. */
    private void alter(long block, String from, String to) {
        String entries = mongo.findById(block, Document.class, AuditLog.BLOCKS).getString("entries");
        assertThat(entries).contains(from);
        mongo.updateFirst(query(where("_id").is(block)), new Update().set("entries", entries.replace(from, to)),
                AuditLog.BLOCKS);
    }

    private List<String> eventIds() {
        return mongo.findAll(Document.class, AuditLog.BLOCKS).stream()
                .flatMap(block -> Arrays.stream(JSON.readValue(block.getString("entries"), AuditEvent[].class)))
                .map(AuditEvent::eventId).toList();
    }

    private static Access access(int n, String suffix) {
        return new Access("sync-service", AuditAction.DELIVERED, "civil-affairs", "resident", "e-" + n, "rec-" + n,
                1, "rec-" + n + ":" + suffix, "webhook", "purpose", "legal basis", payload(n), false);
    }

    private static String payload(int n) {
        return "{\"xm\":\"Li Mei " + n + "\",\"jzxx\":{\"dz\":\"12 Haigang Rd\"}}";
    }
}
