package io.fillonce.intake.record;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.fillonce.intake.registry.RecordType;
import io.fillonce.intake.registry.RecordTypes;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Service;

/**
 * Submit once: checks a record against its type, then stores it as the entity's next version together with the
 * event announcing it, in one single-document write. Concurrent submissions for one entity are serialised by the
 * document's optimistic lock: the loser re-reads and tries again, so versions are never skipped nor repeated.
 */
@Service
public class Submissions {

    static final int ATTEMPTS = 10;

    static final String CHANNEL = "api";

    private final RecordTypes types;

    private final RecordRepository records;

    private final RecordMapper mapper;

    private final JsonMapper json;

    Submissions(RecordTypes types, RecordRepository records, RecordMapper mapper, JsonMapper json) {
        this.types = types;
        this.records = records;
        this.mapper = mapper;
        this.json = json;
    }

    public Submission submit(String typeName, ObjectNode data, String principal) {
        RecordType type = types.find(typeName).orElseThrow(() -> types.isCaughtUp()
                ? new UnknownRecordType(typeName) : new RecordTypesLoading(typeName));
        String entityKey = checked(type, data);
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                return store(type, entityKey, data, principal);
            }
            catch (OptimisticLockingFailureException | DuplicateKeyException overtaken) {
                // another write to this entity won the race: read it again and build on it
            }
        }
        throw new SubmissionConflict(RecordDocument.idOf(typeName, entityKey), ATTEMPTS);
    }

    public RecordView current(String type, String entityKey) {
        return records.findById(RecordDocument.idOf(type, entityKey))
                .map(mapper::toView)
                .orElseThrow(() -> new RecordNotFound(type, entityKey));
    }

    private String checked(RecordType type, JsonNode data) {
        List<FieldViolation> violations = new ArrayList<>(SchemaViolations.of(type.schema().validate(data)));
        EntityKeys.violations(type.entityKey(), data).stream()
                .filter(violation -> violations.stream().noneMatch(known -> known.pointer().equals(violation.pointer())))
                .forEach(violations::add);
        if (!violations.isEmpty()) {
            throw new RecordRejected(type.name(), type.version(), violations);
        }
        return EntityKeys.of(type.entityKey(), data);
    }

    private Submission store(RecordType type, String entityKey, ObjectNode data, String principal) {
        Optional<RecordDocument> current = records.findById(RecordDocument.idOf(type.name(), entityKey));
        if (current.isPresent() && json.readTree(current.get().getData()).equals(data)) {
            return new Submission(mapper.toReceipt(current.get()), false);
        }
        RecordDocument document = current
                .orElseGet(() -> RecordDocument.first(type.name(), entityKey, "rec-" + UUID.randomUUID()));
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        document.acceptVersion(type.version(), json.writeValueAsString(data), principal, now, CHANNEL);
        String payload = json.writeValueAsString(mapper.toEvent(document));
        document.enqueue(new OutboxEvent(document.eventId(), document.getVersion(), now, payload));
        return new Submission(mapper.toReceipt(records.save(document)), true);
    }
}
