package io.fillonce.intake.record;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.fillonce.contracts.Contracts;
import io.fillonce.identity.VerifiedCaller;
import io.fillonce.intake.InMemoryMongo;
import io.fillonce.intake.Residents;
import io.fillonce.intake.registry.RecordTypes;
import io.fillonce.telemetry.Traces;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.data.mongodb.repository.support.MongoRepositoryFactory;
import org.springframework.test.util.ReflectionTestUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * The erased version and the sweep that finishes an erasure, on the MongoDB wire server: the earlier events still go
 * out first, nothing is archived, and the document goes only once every event of it is published and nothing newer
 * was written.
 */
class ErasureSweepTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String ID_NUMBER = "370602196002021234";

    private static final String ID = "resident/" + ID_NUMBER;

    private static final VerifiedCaller ADMIN = new VerifiedCaller("admin:it", "ADMIN", null, null);

    @RegisterExtension
    static final InMemoryMongo MONGO = new InMemoryMongo();

    private final RecordingOutbox outbox = new RecordingOutbox();

    private MongoTemplate mongo;

    private RecordMapperImpl mapper;

    private RecordEvents events;

    private RecordVersions versions;

    private Submissions submissions;

    private Erasures erasures;

    @BeforeEach
    void emptyStore() {
        mongo = MONGO.emptyDatabase("erasure-tests");
        mapper = new RecordMapperImpl();
        ReflectionTestUtils.setField(mapper, "jsonText", new JsonText(JSON));
        RecordTypes types = mock(RecordTypes.class);
        given(types.find(Residents.TYPE)).willReturn(Optional.of(Residents.type()));
        events = new RecordEvents(mapper, JSON);
        RecordRepository records = new MongoRepositoryFactory(mongo).getRepository(RecordRepository.class);
        versions = new RecordVersions(mongo, records, mapper, JSON);
        submissions = new Submissions(types, records, mapper, JSON, new NextVersion(mapper, JSON, events), versions,
                outbox, new RecordCounts(new SimpleMeterRegistry(), types), Traces.none());
        erasures = new Erasures(submissions, List.of(versions), mongo);
    }

    @Test
    void erasesWithALastVersionAfterEveryPendingOneAndArchivesNothingOfIt() {
        submit(Residents.record(ID_NUMBER));
        submit(Residents.record(ID_NUMBER).put("phone", "13900004321"));
        submissions.retract(Residents.TYPE, ID_NUMBER, "wrong person", Residents.cadre());

        Submission erased = submissions.erase(Residents.TYPE, ID_NUMBER, "the person asked", "PIPL art. 47", ADMIN);

        assertThat(erased.receipt().version()).isEqualTo(4);
        RecordDocument stored = stored();
        assertThat(stored.getData()).isEqualTo("{}");
        assertThat(stored.getRetraction()).isNull();
        assertThat(archived(stored.getRecordId())).as("the version it replaced holds data").isEqualTo(2);
        List<OutboxEvent> pending = events.withPayloads(stored, stored.pendingEvents());
        assertThat(pending).extracting(OutboxEvent::version).containsExactly(1, 2, 3, 4);
        JsonNode last = JSON.readTree(pending.get(3).payload());
        assertThat(Contracts.violations(Contracts.RECORD_EVENT, last)).isEmpty();
        assertThat(last.path("channel").asString()).isEqualTo("erase");
        assertThat(last.path("data").isEmpty()).isTrue();
        assertThat(last.at("/erasure/legalBasis").asString()).isEqualTo("PIPL art. 47");
        assertThat(JSON.readTree(pending.get(2).payload()).at("/retraction/reason").asString())
                .isEqualTo("wrong person");
    }

    @Test
    void deletesTheDocumentOnceEveryEventOfItIsPublishedThenTheKeyStartsANewEntity() {
        submit(Residents.record(ID_NUMBER));
        submit(Residents.record(ID_NUMBER).put("phone", "13900004321"));
        SubmissionReceipt erased = erasures.erase(Residents.TYPE, ID_NUMBER,
                new ErasureRequest("the person asked", "PIPL art. 47"), ADMIN);
        assertThat(archived(erased.recordId())).isZero();
        ErasureSweep sweep = new ErasureSweep(mongo, outbox, mapper, List.of(versions));

        sweep.sweep();
        assertThat(mongo.findById(ID, RecordDocument.class)).as("its events are not all published").isNotNull();
        outbox.pending.clear();
        sweep.sweep();

        assertThat(mongo.findById(ID, RecordDocument.class)).isNull();
        assertThat(mongo.findAll(PendingErasure.class)).as("no work left").isEmpty();
        Submission anew = submit(Residents.record(ID_NUMBER));
        assertThat(anew.created()).isTrue();
        assertThat(anew.receipt().version()).isEqualTo(1);
        assertThat(anew.receipt().recordId()).isNotEqualTo(erased.recordId());
    }

    @Test
    void leavesADocumentWrittenAfterTheSweepReadIt() {
        submit(Residents.record(ID_NUMBER));
        erasures.erase(Residents.TYPE, ID_NUMBER, new ErasureRequest("the person asked", "PIPL art. 47"), ADMIN);
        Outbox overtaken = mock(Outbox.class);
        given(overtaken.pending(anyCollection())).willAnswer(published -> {
            mongo.updateFirst(Query.query(Criteria.where("_id").is(ID)), new Update().inc("revision", 1),
                    RecordDocument.class);
            return Set.of();
        });

        new ErasureSweep(mongo, overtaken, mapper, List.of(versions)).sweep();

        assertThat(mongo.findById(ID, RecordDocument.class)).isNotNull();
        assertThat(mongo.findAll(PendingErasure.class)).as("still pending work").hasSize(1);
    }

    private Submission submit(ObjectNode record) {
        return submissions.submit(Residents.TYPE, record, Residents.cadre(),
                new Submissions.Conditions(null, IfMatch.NONE, Submissions.CHANNEL));
    }

    private RecordDocument stored() {
        return mongo.findById(ID, RecordDocument.class);
    }

    private long archived(String recordId) {
        return mongo.count(Query.query(Criteria.where("recordId").is(recordId)), RecordVersionDocument.class);
    }
}
