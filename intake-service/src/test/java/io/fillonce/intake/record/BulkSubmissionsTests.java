package io.fillonce.intake.record;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import io.fillonce.intake.InMemoryMongo;
import io.fillonce.intake.Residents;
import io.fillonce.intake.registry.RecordTypes;
import io.fillonce.telemetry.Traces;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.bson.BsonDocument;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.test.util.ReflectionTestUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * The bulk path on the MongoDB wire server: what each line answers, what is written (and how little), how an
 * entity overtaken by another writer is done again, and that its MongoDB commands do not grow with what is stored.
 */
class BulkSubmissionsTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final List<BsonDocument> COMMANDS = new ArrayList<>();

    @RegisterExtension
    static final InMemoryMongo MONGO = new InMemoryMongo(new CommandListener() {
        @Override
        public void commandStarted(CommandStartedEvent event) {
            synchronized (COMMANDS) {
                COMMANDS.add(event.getCommand().clone());
            }
        }
    });

    private final RecordingOutbox outbox = new RecordingOutbox();

    private MongoTemplate mongo;

    private BulkSubmissions bulk;

    @BeforeEach
    void emptyStore() {
        mongo = MONGO.emptyDatabase("bulk-tests");
        bulk = bulk(new RecordDocuments(mongo));
    }

    @Test
    void storesEachNewEntityWithOneWriteAndAnswersEachLineLikeTheSingleEndpoint() {
        ObjectNode invalid = Residents.record("370602200101010001").put("gender", "X");

        List<BulkSubmissions.Outcome> outcomes = submit(Residents.record("370602200101010001"), invalid,
                Residents.record("370602200101010002"));

        assertThat(outcomes.get(0).submission().created()).isTrue();
        assertThat(outcomes.get(0).submission().receipt().version()).isEqualTo(1);
        assertThat(outcomes.get(1).refusal()).isInstanceOf(RecordRejected.class);
        assertThat(outcomes.get(2).submission().receipt().entityKey()).isEqualTo("370602200101010002");
        assertThat(outbox.claimed).containsExactly("resident/370602200101010001", "resident/370602200101010002");
        assertThat(outbox.written).hasSize(2);
        RecordDocument stored = mongo.findById("resident/370602200101010001", RecordDocument.class);
        assertThat(stored.pendingEvents()).singleElement()
                .satisfies(event -> assertThat(event.claim()).isEqualTo(outbox.claim.id()));
        assertThat(mongo.count(new Query(), RecordVersionDocument.class)).as("no history write for new entities")
                .isZero();
    }

    @Test
    void makesTheSameEntityTwiceInAChunkConsecutiveVersions() {
        ObjectNode first = Residents.record("370602200101010003");
        ObjectNode second = first.deepCopy().put("phone", "13900004321");

        List<BulkSubmissions.Outcome> outcomes = submit(first, second, second);

        assertThat(outcomes).extracting(outcome -> outcome.submission().receipt().version()).containsExactly(1, 2, 2);
        assertThat(outcomes).extracting(outcome -> outcome.submission().created()).containsExactly(true, true, false);
        RecordDocument stored = mongo.findById("resident/370602200101010003", RecordDocument.class);
        assertThat(stored.getVersion()).isEqualTo(2);
        assertThat(stored.pendingEvents()).extracting(OutboxEvent::version).containsExactly(1, 2);
        assertThat(stored.pendingEvents().get(0).payload()).as("the replaced version's pending event keeps its data")
                .contains("\"version\":1");
        assertThat(mongo.findById(stored.getRecordId() + ":1", RecordVersionDocument.class).data())
                .isEqualTo(JSON.writeValueAsString(first));
    }

    @Test
    void archivesTheReplacedVersionAndTrimsEventsWhoseClaimIsGone() {
        submit(Residents.record("370602200101010004"));
        outbox.pending.clear(); // the first chunk's claim was deleted: its event is published

        List<BulkSubmissions.Outcome> outcomes = submit(Residents.record("370602200101010004").put("name", "Wang"));

        assertThat(outcomes.get(0).submission().receipt().version()).isEqualTo(2);
        RecordDocument stored = mongo.findById("resident/370602200101010004", RecordDocument.class);
        assertThat(stored.pendingEvents()).extracting(OutboxEvent::version).containsExactly(2);
        assertThat(mongo.findById(stored.getRecordId() + ":1", RecordVersionDocument.class)).isNotNull();
    }

    @Test
    void keepsEventsWhoseClaimIsStillPending() {
        submit(Residents.record("370602200101010005"));

        submit(Residents.record("370602200101010005").put("name", "Wang"));

        RecordDocument stored = mongo.findById("resident/370602200101010005", RecordDocument.class);
        assertThat(stored.pendingEvents()).extracting(OutboxEvent::version).containsExactly(1, 2);
        assertThat(stored.pendingEvents()).extracting(OutboxEvent::claim).doesNotHaveDuplicates();
    }

    @Test
    void readsAnEntityAnotherWriterChangedMeanwhileAgainAndBuildsOnItsVersion() {
        submit(Residents.record("370602200101010006"));
        RecordDocuments overtaken = new RecordDocuments(mongo) {
            private boolean first = true;

            @Override
            Set<String> replace(List<RecordDocument> documents, String claim) {
                if (first) {
                    first = false;
                    anotherWriterStoresVersionTwo("resident/370602200101010006");
                }
                return super.replace(documents, claim);
            }
        };

        List<BulkSubmissions.Outcome> outcomes = bulk(overtaken).submit(Residents.type(),
                List.of(Residents.record("370602200101010006").put("name", "Zhao")), Residents.cadre(), "batch",
                null);

        assertThat(outcomes.get(0).submission().receipt().version()).isEqualTo(3);
        RecordDocument stored = mongo.findById("resident/370602200101010006", RecordDocument.class);
        assertThat(stored.getVersion()).isEqualTo(3);
        assertThat(JSON.readTree(stored.getData()).path("name").asString()).isEqualTo("Zhao");
        assertThat(mongo.findById(stored.getRecordId() + ":2", RecordVersionDocument.class).data())
                .contains("Written by another");
    }

    @Test
    void answersRetryForEveryLineWhenStorageFailsAndLeavesTheClaimToRecovery() {
        RecordDocuments failing = new RecordDocuments(mongo) {
            @Override
            Set<String> insert(List<RecordDocument> documents) {
                throw new DataAccessResourceFailureException("connection reset");
            }
        };

        List<BulkSubmissions.Outcome> outcomes = bulk(failing).submit(Residents.type(),
                List.of(Residents.record("370602200101010007"), Residents.record("370602200101010008")),
                Residents.cadre(), "batch", null);

        assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome.refusal())
                .isInstanceOf(DataAccessResourceFailureException.class));
        assertThat(outbox.unsure).isTrue();
        assertThat(outbox.written).isEmpty();
    }

    @Test
    void aChunksMongoCommandsDoNotGrowWithTheRecordsStoredAndAllUseAnIndex() {
        store(1_000);
        List<BsonDocument> fewStored = commandsOf(this::newAndChangedChunk);
        store(4_000);
        List<BsonDocument> manyStored = commandsOf(this::newAndChangedChunk);

        assertThat(manyStored).hasSameSizeAs(fewStored);
        assertThat(fewStored.size()).as("commands for 400 records").isLessThanOrEqualTo(8);
        for (BsonDocument command : manyStored) {
            assertThat(indexBacked(command)).as("%s", command.toJson()).isTrue();
        }
    }

    private int chunkRound;

    /** 200 new entities and new versions of 200 stored ones. */
    private void newAndChangedChunk() {
        chunkRound++;
        List<ObjectNode> records = new ArrayList<>();
        IntStream.range(0, 200).forEach(i -> records.add(Residents.record(String.format("37060230%02d%08d",
                chunkRound, i))));
        IntStream.range(0, 200).forEach(i -> records.add(Residents.record(String.format("3706022099%08d", i))
                .put("name", "Round " + chunkRound)));
        List<BulkSubmissions.Outcome> outcomes = bulk.submit(Residents.type(), records, Residents.cadre(), "batch",
                null);
        assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome.submission().created()).isTrue());
    }

    /** Entities stored earlier, as earlier chunks left them (their claims gone). */
    private void store(int entities) {
        long stored = mongo.count(new Query(), RecordDocument.class);
        for (int from = (int) stored; from < entities; from += 500) {
            int start = from;
            bulk.submit(Residents.type(), IntStream.range(start, Math.min(start + 500, entities))
                    .mapToObj(i -> Residents.record(String.format("3706022099%08d", i))).toList(), Residents.cadre(),
                    "batch", null);
        }
        outbox.pending.clear();
    }

    private List<BsonDocument> commandsOf(Runnable work) {
        synchronized (COMMANDS) {
            COMMANDS.clear();
        }
        work.run();
        synchronized (COMMANDS) {
            return COMMANDS.stream().filter(command -> !command.containsKey("endSessions")).toList();
        }
    }

    /** Whether the embedded MongoDB answers this command from a unique index: by _id, or by {_id, revision}. */
    private static boolean indexBacked(BsonDocument command) {
        if (command.containsKey("insert")) {
            return true;
        }
        if (command.containsKey("find")) {
            return byId(command.getDocument("filter"));
        }
        if (command.containsKey("update")) {
            return command.getArray("updates").stream().allMatch(update -> {
                BsonDocument filter = update.asDocument().getDocument("q");
                return byId(filter) || filter.keySet().equals(Set.of("_id", "revision"));
            });
        }
        return false;
    }

    private static boolean byId(BsonDocument filter) {
        return filter.keySet().equals(Set.of("_id"))
                && (!filter.get("_id").isDocument() || filter.getDocument("_id").keySet().equals(Set.of("$in")));
    }

    private List<BulkSubmissions.Outcome> submit(ObjectNode... records) {
        return bulk.submit(Residents.type(), List.of(records), Residents.cadre(), "batch", null);
    }

    private void anotherWriterStoresVersionTwo(String id) {
        ObjectNode data = Residents.record(id.substring(9)).put("name", "Written by another");
        mongo.updateFirst(Query.query(Criteria.where("_id").is(id)), new Update().set("version", 2)
                .set("data", JSON.writeValueAsString(data)).inc("revision", 1), RecordDocument.class);
    }

    private BulkSubmissions bulk(RecordDocuments documents) {
        RecordMapperImpl mapper = new RecordMapperImpl();
        ReflectionTestUtils.setField(mapper, "jsonText", new JsonText(JSON));
        RecordTypes types = mock(RecordTypes.class);
        given(types.find(Residents.TYPE)).willReturn(Optional.of(Residents.type()));
        RecordEvents events = new RecordEvents(mapper, JSON);
        NextVersion next = new NextVersion(mapper, JSON, events);
        RecordVersions versions = new RecordVersions(mongo, mock(RecordRepository.class), mapper, JSON);
        RecordCounts counts = new RecordCounts(new SimpleMeterRegistry(), types);
        Submissions submissions = new Submissions(types, mock(RecordRepository.class), mapper, JSON, next, versions,
                outbox, counts, Traces.none());
        return new BulkSubmissions(submissions, documents, next, versions, outbox, JSON, counts);
    }
}
