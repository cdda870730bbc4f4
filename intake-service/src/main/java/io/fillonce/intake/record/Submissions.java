package io.fillonce.intake.record;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import io.fillonce.identity.VerifiedCaller;
import io.fillonce.intake.registry.RecordType;
import io.fillonce.intake.registry.RecordTypes;
import io.fillonce.telemetry.Traces;
import io.fillonce.web.FieldProblem;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Service;

/**
 * Submit once: checks a record against its type, then stores it as the entity's next version together with the
 * event announcing it, in one single-document write, and hands the event to this instance's relay (see
 * {@link Outbox}). Concurrent submissions for one entity are serialised by the document's optimistic lock: the
 * loser re-reads and tries again, so versions are never skipped nor repeated. The version a new one replaces is
 * archived first, so a history is complete whatever happens between the two writes.
 */
@Service
public class Submissions {

    static final int ATTEMPTS = 10;

    static final String CHANNEL = "api";

    static final String PATCH_CHANNEL = "patch";

    static final String ERASE_CHANNEL = "erase";

    static final String SCHEMA_VERSION_HEADER = "Fillonce-Schema-Version";

    private final RecordTypes types;

    private final RecordRepository records;

    private final RecordMapper mapper;

    private final JsonMapper json;

    private final NextVersion next;

    private final RecordVersions versions;

    private final Outbox outbox;

    private final RecordCounts counts;

    private final Traces traces;

    Submissions(RecordTypes types, RecordRepository records, RecordMapper mapper, JsonMapper json, NextVersion next,
            RecordVersions versions, Outbox outbox, RecordCounts counts, Traces traces) {
        this.types = types;
        this.records = records;
        this.mapper = mapper;
        this.json = json;
        this.next = next;
        this.versions = versions;
        this.outbox = outbox;
        this.counts = counts;
        this.traces = traces;
    }

    /**
     * A full replacement: the record becomes the entity's next version unless it equals the current one. A cadre
     * submits only in its region ({@link RegionRule}), both the record and the entity it replaces.
     */
    public Submission submit(String typeName, ObjectNode data, VerifiedCaller caller, Conditions conditions) {
        RecordType type = type(typeName, conditions.schemaVersion());
        String entityKey = checked(type, data);
        if (!RegionRule.maySubmit(caller, type, data)) {
            throw RegionRule.outside(caller, type);
        }
        String id = RecordDocument.idOf(type.name(), entityKey);
        return retrying(id, claim -> {
            Optional<RecordDocument> current = records.findById(id);
            current.ifPresent(Submissions::refuseIfErased);
            if (current.isPresent() && RegionRule.binds(caller, type)
                    && !RegionRule.maySubmit(caller, type, json.readTree(current.get().getData()))) {
                throw RegionRule.outside(caller, type);
            }
            current.ifPresent(Submissions::refuseIfRetracted);
            conditions.ifMatch().check(id, current.map(RecordDocument::getVersion).orElse(0));
            RecordDocument document = current
                    .orElseGet(() -> RecordDocument.first(type.name(), entityKey, "rec-" + UUID.randomUUID()));
            return store(document, data, submitter(type, caller.principal(), conditions), claim);
        });
    }

    /**
     * A JSON Merge Patch (RFC 7396) on the entity's current version, which {@code If-Match} must name (428
     * without); the merged record must match the schema. An entity a cadre may not correct is not found, like a
     * missing one; the merged record must stay in the cadre's region unless the type allows cross-region correction.
     */
    public Submission patch(String typeName, String entityKey, ObjectNode patch, VerifiedCaller caller,
            Conditions conditions) {
        conditions.ifMatch().require();
        RecordType type = type(typeName, conditions.schemaVersion());
        String id = RecordDocument.idOf(type.name(), entityKey);
        return retrying(id, claim -> {
            RecordDocument current = correctable(type, entityKey, caller);
            JsonNode data = json.readTree(current.getData());
            refuseIfRetracted(current);
            conditions.ifMatch().check(id, current.getVersion());
            JsonNode merged = MergePatch.apply(data, patch);
            if (!(merged instanceof ObjectNode record) || !entityKey.equals(checked(type, merged))) {
                throw new RecordRejected(type.name(), type.version(), List.of(new FieldProblem("", "entityKey",
                        "a patch must not change the entity key " + type.entityKey() + " of " + id)));
            }
            if (!RegionRule.mayCorrect(caller, type, record)) {
                throw RegionRule.outside(caller, type);
            }
            return store(current, record, submitter(type, caller.principal(), conditions), claim);
        });
    }

    /**
     * Retracts the entity (entered for the wrong person, say): a new version with the same data and the
     * {@link Retraction}, so the history keeps it and every department that received the entity is told; no new
     * version is accepted until it is reinstated. A cadre retracts only in its region.
     */
    public Submission retract(String typeName, String entityKey, String reason, VerifiedCaller caller) {
        return changeRetraction(typeName, entityKey, caller, current -> {
            if (current.getRetraction() != null) {
                throw new RecordRetracted(current.getId() + " was retracted already, at "
                        + current.getRetraction().at() + " by " + current.getRetraction().by());
            }
            return new Retraction(reason, caller.principal(), Instant.now().truncatedTo(ChronoUnit.MILLIS));
        }, "retract");
    }

    /** Reinstates a retracted entity: a new version with the same data, shared again where filters want it. */
    public Submission reinstate(String typeName, String entityKey, VerifiedCaller caller) {
        return changeRetraction(typeName, entityKey, caller, current -> {
            if (current.getRetraction() == null) {
                throw new RecordRetracted(current.getId() + " is not retracted: there is nothing to reinstate");
            }
            return null;
        }, "reinstate");
    }

    /**
     * Erases the entity's personal data where the law requires it; only an admin may. The entity gets its last
     * version: no data, channel {@code erase}, the {@link Erasure}, written through the outbox like every version, so
     * departments are told after every earlier version. The version it replaces is not archived (it holds data); the
     * history is deleted by the caller ({@link Erasures}), the document once its events are published
     * ({@link ErasureSweep}). An entity being erased answers the same receipt again, without a new version. The type
     * need not be registered any more: only the stored document counts.
     */
    public Submission erase(String typeName, String entityKey, String reason, String legalBasis,
            VerifiedCaller caller) {
        if (!caller.isAdmin()) {
            throw new ErasureNotAllowed(caller.role());
        }
        String id = RecordDocument.idOf(typeName, entityKey);
        return retrying(id, claim -> {
            RecordDocument current = records.findById(id).orElseThrow(() -> new RecordNotFound(typeName, entityKey));
            if (current.getErasure() != null) {
                return new Submission(mapper.toReceipt(current), false);
            }
            Erasure erasure = new Erasure(reason, legalBasis, caller.principal(),
                    Instant.now().truncatedTo(ChronoUnit.MILLIS));
            return save(current, claim, ERASE_CHANNEL, stored -> {
                next.erase(current, erasure, stored, traces.currentTraceparent());
                return null;
            });
        });
    }

    private Submission changeRetraction(String typeName, String entityKey, VerifiedCaller caller,
            Function<RecordDocument, Retraction> next, String channel) {
        RecordType type = type(typeName, null);
        String id = RecordDocument.idOf(type.name(), entityKey);
        return retrying(id, claim -> {
            RecordDocument current = correctable(type, entityKey, caller);
            Retraction retraction = next.apply(current);
            return write(current, json.readTree(current.getData()), new NextVersion.Submitter(caller.principal(),
                    current.getTypeVersion(), channel, traces.currentTraceparent()), claim, retraction);
        });
    }

    /**
     * The entity's stored record, if the caller may correct it; a missing one, or one a cadre may not correct, is
     * not found; one being erased is refused.
     */
    private RecordDocument correctable(RecordType type, String entityKey, VerifiedCaller caller) {
        RecordDocument current = records.findById(RecordDocument.idOf(type.name(), entityKey))
                .orElseThrow(() -> new RecordNotFound(type.name(), entityKey));
        refuseIfErased(current);
        if (!RegionRule.mayCorrect(caller, type, json.readTree(current.getData()))) {
            throw new RecordNotFound(type.name(), entityKey, true);
        }
        return current;
    }

    private static void refuseIfRetracted(RecordDocument current) {
        if (current.getRetraction() != null) {
            throw retracted(current);
        }
    }

    private static void refuseIfErased(RecordDocument current) {
        if (current.getErasure() != null) {
            throw erased(current);
        }
    }

    /** Why an entity being erased takes no new version. */
    static RecordErased erased(RecordDocument current) {
        return new RecordErased(current.getErasure());
    }

    /** Why a retracted entity takes no new version. */
    static RecordRetracted retracted(RecordDocument current) {
        Retraction retraction = current.getRetraction();
        return new RecordRetracted(current.getId() + " was retracted at " + retraction.at() + " by " + retraction.by()
                + " (" + retraction.reason() + "): reinstate it (POST …/reinstate) before submitting a new version");
    }

    /**
     * The entity's current version; one the caller may not read is not found, like a missing one, and so is one
     * being erased.
     */
    public RecordView current(String typeName, String entityKey, VerifiedCaller caller) {
        RecordView current = records.findById(RecordDocument.idOf(typeName, entityKey))
                .filter(document -> document.getErasure() == null).map(mapper::toView)
                .orElseThrow(() -> new RecordNotFound(typeName, entityKey));
        RecordType type = types.find(typeName).orElse(null);
        if (type != null && !RegionRule.mayCorrect(caller, type, current.data())) {
            throw new RecordNotFound(typeName, entityKey, true);
        }
        return current;
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
        List<FieldProblem> violations = new ArrayList<>(SchemaViolations.of(type.schema().validate(data)));
        EntityKeys.violations(type.entityKey(), data).stream()
                .filter(violation -> violations.stream().noneMatch(known -> known.pointer().equals(violation.pointer())))
                .forEach(violations::add);
        if (!violations.isEmpty()) {
            throw new RecordRejected(type.name(), type.version(), violations);
        }
        return EntityKeys.of(type.entityKey(), data);
    }

    /**
     * Runs attempts until one is not overtaken by another write to the entity. The claim is stored at most once,
     * by the first attempt that writes; whatever ends the attempts without handing it over releases it.
     */
    private Submission retrying(String id, Function<LazyClaim, Submission> attempt) {
        LazyClaim claim = new LazyClaim(id);
        try {
            for (int i = 1; i <= ATTEMPTS; i++) {
                try {
                    return attempt.apply(claim);
                }
                catch (OptimisticLockingFailureException | DuplicateKeyException overtaken) {
                    // another write to this entity won the race: read it again and build on it
                }
            }
            throw new SubmissionConflict(id, ATTEMPTS);
        }
        catch (OutboxUnavailable notWritten) {
            claim.release();
            throw notWritten;
        }
        catch (DataAccessException unknown) {
            claim.unsure();
            throw unknown;
        }
        catch (RuntimeException notStored) {
            claim.release();
            throw notStored;
        }
    }

    private Submission store(RecordDocument document, ObjectNode data, NextVersion.Submitter submitter,
            LazyClaim claim) {
        if (next.unchanged(document, data)) {
            return new Submission(mapper.toReceipt(document), false);
        }
        return write(document, data, submitter, claim, null);
    }

    /** Writes {@code data} as the next version, retracting the entity when {@code retraction} is given. */
    private Submission write(RecordDocument document, JsonNode data, NextVersion.Submitter submitter,
            LazyClaim claim, Retraction retraction) {
        return save(document, claim, submitter.channel(),
                stored -> next.accept(document, data, submitter, stored, retraction));
    }

    /**
     * Makes the document's next version ({@code nextVersion}, given the claim id, answers the version to archive,
     * if any) and writes it under the claim; once written it counts as received through {@code channel}.
     */
    private Submission save(RecordDocument document, LazyClaim claim, String channel,
            Function<String, RecordVersionDocument> nextVersion) {
        Outbox.Claim stored = claim.get();
        Set<String> claims = document.claims();
        if (!claims.isEmpty()) {
            document.trimPublished(outbox.pending(claims));
        }
        RecordVersionDocument replaced = nextVersion.apply(stored.id());
        if (replaced != null) {
            versions.archive(replaced);
        }
        outbox.fence();
        RecordDocument saved = records.save(document);
        claim.handOver(saved);
        SubmissionReceipt receipt = mapper.toReceipt(saved);
        counts.received(receipt, channel);
        return new Submission(receipt, true);
    }

    private NextVersion.Submitter submitter(RecordType type, String principal, Conditions conditions) {
        return new NextVersion.Submitter(principal, type.version(), conditions.channel(), traces.currentTraceparent());
    }

    /** The claim of one submission, stored when its first write is about to happen. */
    private final class LazyClaim {

        private final String subject;

        private Outbox.Claim claim;

        private boolean handedOver;

        LazyClaim(String subject) {
            this.subject = subject;
        }

        Outbox.Claim get() {
            if (claim == null) {
                Outbox.Claim next = Outbox.Claim.next();
                outbox.claim(next, List.of(subject), 1);
                claim = next;
            }
            return claim;
        }

        void handOver(RecordDocument written) {
            handedOver = true;
            outbox.written(claim, List.of(written), false);
        }

        /** Nothing was written under the claim (every write attempt was refused): it goes at once. */
        void release() {
            if (claim != null && !handedOver) {
                outbox.written(claim, List.of(), false);
            }
        }

        void unsure() {
            if (claim != null && !handedOver) {
                outbox.unsure(claim);
            }
        }
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
