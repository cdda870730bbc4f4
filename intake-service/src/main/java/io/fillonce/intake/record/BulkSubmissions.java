package io.fillonce.intake.record;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import io.fillonce.identity.VerifiedCaller;
import io.fillonce.intake.registry.RecordType;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;

/**
 * The bulk path: a chunk of an upload's records (one type, in line order) is validated line by line, then stored
 * with a fixed handful of MongoDB round trips instead of two per record: one {@code _id $in} read of the chunk's
 * entities (and one of the claims their outboxes name, to trim published events), one claim, one unordered insert
 * of the versions that new ones replace (history), one unordered insert of the new entities and one unordered bulk
 * of compare-and-set replacements of the existing ones; then the written documents go to the relay in process. So
 * a new entity costs one document write, a new version of an existing one two.
 * <p>
 * Each line ends as the single endpoint would have answered it: stored (201 new version, 200 unchanged; the same
 * entity twice in a chunk becomes consecutive versions) or refused with the same problem. An entity another writer
 * changed meanwhile is read again and its lines redone, up to {@link Submissions#ATTEMPTS} times.
 */
@Service
public class BulkSubmissions {

    private final Submissions submissions;

    private final RecordDocuments documents;

    private final NextVersion next;

    private final RecordVersions versions;

    private final Outbox outbox;

    private final JsonMapper json;

    private final RecordCounts counts;

    BulkSubmissions(Submissions submissions, RecordDocuments documents, NextVersion next, RecordVersions versions,
            Outbox outbox, JsonMapper json, RecordCounts counts) {
        this.submissions = submissions;
        this.documents = documents;
        this.next = next;
        this.versions = versions;
        this.outbox = outbox;
        this.json = json;
        this.counts = counts;
    }

    /**
     * The outcome of each record, in the order given; a cadre's record outside its region, or over an entity kept
     * outside it, is refused ({@link RegionRule}), as is a record of a retracted entity or of one being erased.
     *
     * @param traceparent the trace the versions' events carry (a bulk upload's: its request's), or {@code null}
     */
    public List<Outcome> submit(RecordType type, List<ObjectNode> records, VerifiedCaller caller, String channel,
            String traceparent) {
        Outcome[] outcomes = new Outcome[records.size()];
        Map<String, ChunkPlan.Entity> entities = new LinkedHashMap<>();
        for (int line = 0; line < records.size(); line++) {
            try {
                String entityKey = submissions.checked(type, records.get(line));
                if (!RegionRule.maySubmit(caller, type, records.get(line))) {
                    throw RegionRule.outside(caller, type);
                }
                entities.computeIfAbsent(RecordDocument.idOf(type.name(), entityKey),
                        subject -> new ChunkPlan.Entity(subject, entityKey, new ArrayList<>())).lines().add(line);
            }
            catch (RecordRejected | OutsideRegion e) {
                outcomes[line] = Outcome.refused(e);
            }
        }
        Outbox.Claim claim = Outbox.Claim.next();
        ChunkPlan plan = new ChunkPlan(next, type, records,
                new NextVersion.Submitter(caller.principal(), type.version(), channel, traceparent), claim);
        Function<RecordDocument, RuntimeException> outsideRegion = !RegionRule.binds(caller, type) ? stored -> null
                : stored -> RegionRule.maySubmit(caller, type, json.readTree(stored.getData())) ? null
                        : RegionRule.outside(caller, type);
        Function<RecordDocument, RuntimeException> refusalOver = stored -> stored.getErasure() != null
                ? Submissions.erased(stored)
                : stored.getRetraction() != null ? Submissions.retracted(stored) : outsideRegion.apply(stored);
        new Attempts(plan, claim, outcomes, refusalOver).run(entities);
        return Arrays.asList(outcomes);
    }

    /** The attempts at storing one chunk, and what they wrote under its claim. */
    private final class Attempts {

        private final ChunkPlan plan;

        private final Outbox.Claim claim;

        private final Outcome[] outcomes;

        /** Why the caller may not write over a stored entity, or null when it may. */
        private final Function<RecordDocument, RuntimeException> refusalOver;

        private final Set<String> claimed = new HashSet<>();

        private final List<RecordDocument> written = new ArrayList<>();

        Attempts(ChunkPlan plan, Outbox.Claim claim, Outcome[] outcomes,
                Function<RecordDocument, RuntimeException> refusalOver) {
            this.plan = plan;
            this.claim = claim;
            this.outcomes = outcomes;
            this.refusalOver = refusalOver;
        }

        void run(Map<String, ChunkPlan.Entity> entities) {
            Map<String, ChunkPlan.Entity> waiting = entities;
            try {
                for (int attempt = 1; attempt <= Submissions.ATTEMPTS && !waiting.isEmpty(); attempt++) {
                    waiting = attempt(waiting);
                }
                waiting.values().forEach(entity -> settle(entity,
                        Outcome.refused(new SubmissionConflict(entity.subject(), Submissions.ATTEMPTS))));
            }
            catch (DataAccessException e) {
                // what the failed write stored is unknown: recovery publishes it, the lines left say "retry"
                Arrays.setAll(outcomes, line -> outcomes[line] == null ? Outcome.refused(e) : outcomes[line]);
                if (!claimed.isEmpty()) {
                    outbox.unsure(claim);
                }
                return;
            }
            if (!claimed.isEmpty()) {
                outbox.written(claim, written, true);
            }
        }

        /** Stores what it can of these entities; those another writer overtook, to be tried again. */
        private Map<String, ChunkPlan.Entity> attempt(Map<String, ChunkPlan.Entity> entities) {
            Map<String, RecordDocument> stored = documents.load(entities.keySet());
            trimPublished(stored.values());
            List<ChunkPlan.EntityPlan> changes = new ArrayList<>();
            for (ChunkPlan.Entity entity : entities.values()) {
                RecordDocument current = stored.get(entity.subject());
                RuntimeException refused = current == null ? null : refusalOver.apply(current);
                if (refused != null) {
                    settle(entity, Outcome.refused(refused));
                    continue;
                }
                ChunkPlan.EntityPlan planned = plan.plan(entity, current);
                if (planned.versions() > 0) {
                    changes.add(planned);
                }
                else {
                    settle(planned);
                }
            }
            if (changes.isEmpty()) {
                return Map.of();
            }
            claim(changes);
            outbox.fence();
            versions.archiveAll(changes.stream().flatMap(change -> change.archived().stream()).toList());
            Set<String> overtaken = new HashSet<>(documents.insert(documents(changes, true)));
            overtaken.addAll(documents.replace(documents(changes, false), claim.id()));
            Map<String, ChunkPlan.Entity> again = new LinkedHashMap<>();
            for (ChunkPlan.EntityPlan change : changes) {
                if (overtaken.contains(change.entity().subject())) {
                    again.put(change.entity().subject(), change.entity());
                }
                else {
                    settle(change);
                    written.add(change.document());
                    change.results().values().stream().filter(Submission::created)
                            .forEach(version -> counts.received(version.receipt(), plan.channel()));
                }
            }
            return again;
        }

        /** Drops from the documents' outboxes the events whose claims are gone: those are published. */
        private void trimPublished(Collection<RecordDocument> stored) {
            Set<String> claims = new HashSet<>();
            stored.forEach(document -> claims.addAll(document.claims()));
            if (!claims.isEmpty()) {
                Set<String> pending = outbox.pending(claims);
                stored.forEach(document -> document.trimPublished(pending));
            }
        }

        /** Stores the claim with the changed entities, or extends it when a retry changes more. */
        private void claim(List<ChunkPlan.EntityPlan> changes) {
            List<String> subjects = changes.stream().map(change -> change.entity().subject())
                    .filter(subject -> !claimed.contains(subject)).toList();
            if (subjects.isEmpty()) {
                return;
            }
            int added = changes.stream().filter(change -> subjects.contains(change.entity().subject()))
                    .mapToInt(ChunkPlan.EntityPlan::versions).sum();
            if (claimed.isEmpty()) {
                outbox.claim(claim, subjects, added);
            }
            else {
                outbox.extend(claim, subjects, added);
            }
            claimed.addAll(subjects);
        }

        private static List<RecordDocument> documents(List<ChunkPlan.EntityPlan> changes, boolean created) {
            return changes.stream().filter(change -> change.created() == created).map(ChunkPlan.EntityPlan::document)
                    .toList();
        }

        private void settle(ChunkPlan.EntityPlan planned) {
            planned.results().forEach((line, submission) -> outcomes[line] = Outcome.stored(submission));
        }

        private void settle(ChunkPlan.Entity entity, Outcome outcome) {
            entity.lines().forEach(line -> outcomes[line] = outcome);
        }
    }

    /**
     * What became of one record: {@code submission} when it was stored (or equalled the current version),
     * {@code refusal} when it was not (what the single endpoint would have thrown).
     */
    public record Outcome(Submission submission, RuntimeException refusal) {

        static Outcome stored(Submission submission) {
            return new Outcome(submission, null);
        }

        static Outcome refused(RuntimeException refusal) {
            return new Outcome(null, refusal);
        }
    }
}
