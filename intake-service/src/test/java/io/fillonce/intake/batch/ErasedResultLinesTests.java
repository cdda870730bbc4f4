package io.fillonce.intake.batch;

import java.time.Instant;
import java.util.List;

import io.fillonce.intake.InMemoryMongo;
import io.fillonce.intake.record.SubmissionReceipt;
import io.fillonce.web.FieldProblem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.data.mongodb.core.MongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An erased entity's key leaves the bulk-upload results of its type: blanked on accepted lines, cut from refusals'
 * texts, refused lines' kept values holding it dropped; the lines themselves, and results of other types, stay. A
 * running upload of the type holds it back.
 */
class ErasedResultLinesTests {

    @RegisterExtension
    static final InMemoryMongo MONGO = new InMemoryMongo();

    private static final String KEY = "370602196001011234";

    private static final SubmissionReceipt ERASED = new SubmissionReceipt("rec-1", "resident", KEY, 4);

    private MongoTemplate mongo;

    @BeforeEach
    void emptyStore() {
        mongo = MONGO.emptyDatabase("erased-result-lines-tests");
        job("job-residents", "resident");
        job("job-households", "household");
    }

    @Test
    void dropsTheKeptValuesOfRefusedLinesNamingTheEntity() {
        LineResult.Problem invalid = new LineResult.Problem("https://fillonce.io/problems/validation", "Invalid", 422,
                "Record does not match its schema", List.of(new FieldProblem("/gender", "enum", "F or M")));
        LineResult naming = new LineResult(1, 422, null, null, invalid,
                "{\"idNumber\":\"" + KEY + "\",\"gender\":\"X\"}");
        LineResult other = new LineResult(2, 422, null, null, invalid, "{\"idNumber\":\"370602196001019999\"}");
        mongo.save(new ResultPage("job-residents/0", List.of(naming, other)));

        new ErasedResultLines(mongo).erase(ERASED);

        assertThat(mongo.findById("job-residents/0", ResultPage.class).results())
                .containsExactly(naming.withValues(null), other);
    }

    @Test
    void aCompositeKeyIsFoundByEachOfItsPartsInTheKeptValues() {
        LineResult naming = new LineResult(1, 422, null, null, null,
                "{\"householdNo\":\"H-7\",\"memberNo\":\"3\",\"name\":\"Li\"}");
        LineResult other = new LineResult(2, 422, null, null, null, "{\"householdNo\":\"H-7\",\"memberNo\":\"4\"}");

        assertThat(naming.forgetting("H-7|3").values()).isNull();
        assertThat(other.forgetting("H-7|3").values()).isNotNull();
    }

    @Test
    void blanksTheKeyOfAcceptedLinesAndCutsItFromRefusalsOfTheEntitysType() {
        LineResult other = new LineResult(1, 201, "370602196001019999", 1, null);
        mongo.save(new ResultPage("job-residents/0", List.of(other, new LineResult(2, 201, KEY, 2, null))));
        LineResult.Problem retracted = new LineResult.Problem("https://fillonce.io/problems/retracted", "Retracted",
                409, "resident/" + KEY + " was retracted",
                List.of(new FieldProblem("/idNumber", "entityKey", "no " + KEY + " here")));
        mongo.save(new ResultPage("job-residents/1", List.of(new LineResult(501, 409, null, null, retracted))));
        mongo.save(new ResultPage("job-households/0", List.of(new LineResult(1, 201, KEY, 1, null))));

        new ErasedResultLines(mongo).erase(ERASED);

        assertThat(mongo.findById("job-residents/0", ResultPage.class).results())
                .containsExactly(other, new LineResult(2, 201, null, 2, null));
        LineResult.Problem refusal = mongo.findById("job-residents/1", ResultPage.class).results().get(0).problem();
        assertThat(refusal.detail()).isEqualTo("resident/[erased] was retracted");
        assertThat(refusal.errors().get(0).message()).isEqualTo("no [erased] here");
        assertThat(mongo.findById("job-households/0", ResultPage.class).results().get(0).entityKey())
                .as("another type's entity with the same key").isEqualTo(KEY);
    }

    @Test
    void holdsTheErasureBackWhileAnUploadOfItsTypeRuns() {
        ErasedResultLines lines = new ErasedResultLines(mongo);
        mongo.insert(new RunningJob("job-households", Instant.now()));
        assertThat(lines.settled(ERASED)).as("another type's upload").isTrue();

        mongo.insert(new RunningJob("job-residents", Instant.now()));
        assertThat(lines.settled(ERASED)).isFalse();
    }

    private void job(String id, String type) {
        Instant now = Instant.now();
        mongo.insert(new BatchJobDocument(id, type, "ndjson", "cadre:c-0001", BatchJobDocument.State.DONE, 2, 2, 0,
                2L, now, now, null, "intake-1", now, BatchRunner.RESULTS_PER_PAGE, null));
    }
}
