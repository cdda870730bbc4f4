package io.fillonce.intake.record;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

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

    static final String PATCH_CHANNEL = "patch";

    static final String SCHEMA_VERSION_HEADER = "Fillonce-Schema-Version";

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
        return submit(typeName, data, principal, new Conditions(null, IfMatch.NONE, CHANNEL));
    }

    /** A full replacement: the record becomes the entity's next version unless it equals the current one. */
    public Submission submit(String typeName, ObjectNode data, String principal, Conditions conditions) {
        RecordType type = type(typeName, conditions.schemaVersion());
        String entityKey = checked(type, data);
        return retrying(type.name(), entityKey, () -> {
            Optional<RecordDocument> current = records.findById(RecordDocument.idOf(type.name(), entityKey));
            conditions.ifMatch().check(RecordDocument.idOf(type.name(), entityKey),
                    current.map(RecordDocument::getVersion).orElse(0));
            return store(type, entityKey, data, principal, conditions.channel(), current);
        });
    }

    /** A JSON Merge Patch (RFC 7396) on the entity's current version; the merged record must match the schema. */
    public Submission patch(String typeName, String entityKey, ObjectNode patch, String principal,
            Conditions conditions) {
        RecordType type = type(typeName, conditions.schemaVersion());
        String id = RecordDocument.idOf(type.name(), entityKey);
        return retrying(type.name(), entityKey, () -> {
            RecordDocument current = records.findById(id).orElseThrow(() -> new RecordNotFound(typeName, entityKey));
            conditions.ifMatch().check(id, current.getVersion());
            JsonNode merged = MergePatch.apply(json.readTree(current.getData()), patch);
            if (!(merged instanceof ObjectNode record) || !entityKey.equals(checked(type, merged))) {
                throw new RecordRejected(type.name(), type.version(), List.of(new FieldViolation("", "entityKey",
                        "a patch must not change the entity key " + type.entityKey() + " of " + id)));
            }
            return store(type, entityKey, record, principal, conditions.channel(), Optional.of(current));
        });
    }

    public RecordView current(String type, String entityKey) {
        return records.findById(RecordDocument.idOf(type, entityKey))
                .map(mapper::toView)
                .orElseThrow(() -> new RecordNotFound(type, entityKey));
    }

    /** The type a request names, at the schema version its header names (or the current one). */
    public RecordType recordType(String typeName, String schemaVersion) {
        return type(typeName, schemaVersion);
    }

    RecordType type(String typeName, String schemaVersion) {
        RecordType current = types.find(typeName).orElseThrow(() -> types.isCaughtUp()
                ? new UnknownRecordType(typeName) : new RecordTypesLoading(typeName));
        if (schemaVersion == null) {
            return current;
        }
        try {
            return types.find(typeName, Integer.parseInt(schemaVersion.strip()))
                    .orElseThrow(() -> new UnknownSchemaVersion(SCHEMA_VERSION_HEADER, typeName, schemaVersion,
                            current.version()));
        }
        catch (NumberFormatException e) {
            throw new UnknownSchemaVersion(SCHEMA_VERSION_HEADER, typeName, schemaVersion, current.version());
        }
    }

    /** The entity key of a record that matches its type's schema; else every violation at once. */
    String checked(RecordType type, JsonNode data) {
        List<FieldViolation> violations = new ArrayList<>(SchemaViolations.of(type.schema().validate(data)));
        EntityKeys.violations(type.entityKey(), data).stream()
                .filter(violation -> violations.stream().noneMatch(known -> known.pointer().equals(violation.pointer())))
                .forEach(violations::add);
        if (!violations.isEmpty()) {
            throw new RecordRejected(type.name(), type.version(), violations);
        }
        return EntityKeys.of(type.entityKey(), data);
    }

    private static Submission retrying(String type, String entityKey, Supplier<Submission> attempt) {
        for (int i = 1; i <= ATTEMPTS; i++) {
            try {
                return attempt.get();
            }
            catch (OptimisticLockingFailureException | DuplicateKeyException overtaken) {
                // another write to this entity won the race: read it again and build on it
            }
        }
        throw new SubmissionConflict(RecordDocument.idOf(type, entityKey), ATTEMPTS);
    }

    private Submission store(RecordType type, String entityKey, ObjectNode data, String principal, String channel,
            Optional<RecordDocument> current) {
        if (current.isPresent() && json.readTree(current.get().getData()).equals(data)) {
            return new Submission(mapper.toReceipt(current.get()), false);
        }
        RecordDocument document = current
                .orElseGet(() -> RecordDocument.first(type.name(), entityKey, "rec-" + UUID.randomUUID()));
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        document.acceptVersion(type.version(), json.writeValueAsString(data), principal, now, channel);
        String payload = json.writeValueAsString(mapper.toEvent(document));
        document.enqueue(new OutboxEvent(document.eventId(), document.getVersion(), now, payload));
        return new Submission(mapper.toReceipt(records.save(document)), true);
    }

    /**
     * What a request asks for besides its data.
     *
     * @param schemaVersion the {@code Fillonce-Schema-Version} header, or {@code null} for the type's current one
     * @param ifMatch the {@code If-Match} precondition
     * @param channel how the record arrived: {@code api}, {@code patch} or {@code batch}
     */
    public record Conditions(String schemaVersion, IfMatch ifMatch, String channel) {
    }
}
