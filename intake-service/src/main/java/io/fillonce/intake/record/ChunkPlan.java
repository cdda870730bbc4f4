package io.fillonce.intake.record;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.fillonce.intake.registry.RecordType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The in-memory part of storing a bulk chunk: each entity's lines applied, in line order, to its document as read
 * (or a new one), exactly as one submission after the other would have been: equal data answers the current version
 * unchanged, anything else becomes the next version, whose event is tagged with the chunk's claim; every version
 * a later one replaces is kept for archiving.
 */
final class ChunkPlan {

    private final NextVersion next;

    private final RecordType type;

    private final List<ObjectNode> records;

    private final NextVersion.Submitter submitter;

    private final Outbox.Claim claim;

    ChunkPlan(NextVersion next, RecordType type, List<ObjectNode> records, NextVersion.Submitter submitter,
            Outbox.Claim claim) {
        this.next = next;
        this.type = type;
        this.records = records;
        this.submitter = submitter;
        this.claim = claim;
    }

    /** The channel the chunk's records came through. */
    String channel() {
        return submitter.channel();
    }

    /** Applies the entity's lines to its stored document ({@code null}: a new entity). */
    EntityPlan plan(Entity entity, RecordDocument stored) {
        RecordDocument document = stored != null ? stored
                : RecordDocument.first(type.name(), entity.entityKey(), "rec-" + UUID.randomUUID());
        EntityPlan plan = new EntityPlan(entity, document, stored == null);
        JsonNode current = next.current(document);
        for (int line : entity.lines()) {
            ObjectNode data = records.get(line);
            if (current != null && current.equals(data)) {
                plan.results().put(line, new Submission(next.receipt(document), false));
                continue;
            }
            RecordVersionDocument replaced = next.accept(document, data, submitter, claim.id());
            if (replaced != null) {
                plan.archived().add(replaced);
            }
            plan.results().put(line, new Submission(next.receipt(document), true));
            current = data;
        }
        return plan;
    }

    /** An entity of the chunk and its lines (indexes into the chunk), in line order. */
    record Entity(String subject, String entityKey, List<Integer> lines) {
    }

    /**
     * One entity's document after its lines, with what each line answers and the versions to archive first.
     *
     * @param created whether the document is new (inserted) rather than read (replaced)
     */
    record EntityPlan(Entity entity, RecordDocument document, boolean created,
            List<RecordVersionDocument> archived, Map<Integer, Submission> results) {

        EntityPlan(Entity entity, RecordDocument document, boolean created) {
            this(entity, document, created, new ArrayList<>(), new LinkedHashMap<>());
        }

        /** How many versions the entity's lines added. */
        int versions() {
            return (int) results.values().stream().filter(Submission::created).count();
        }
    }
}
