package io.fillonce.intake.record;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One entity's current record plus its events not known to be published, in ONE MongoDB document, so accepting a
 * version and queueing its event is a single-document write. {@code revision} is the optimistic lock, bumped by every
 * write; {@code version} is the entity version receivers see.
 * <p>
 * The unique index on {@code {_id, revision}} is what makes the optimistic write cheap on the embedded MongoDB: it
 * uses an index only for queries whose keys equal a unique index's keys, so without it every compare-and-set
 * {@code {_id: X, revision: r}} would scan the whole collection. On a real MongoDB it is redundant and harmless.
 */
@Document(RecordDocument.COLLECTION)
@CompoundIndex(name = "revision_cas", def = "{'_id': 1, 'revision': 1}", unique = true)
public class RecordDocument {

    public static final String COLLECTION = "records";

    @Id
    private final String id;

    private final String recordId;

    private final String type;

    private final String entityKey;

    private int typeVersion;

    private int version;

    /** The record as submitted, JSON text: kept verbatim, whatever property names or numbers it holds. */
    private String data;

    private String submittedBy;

    private Instant submittedAt;

    private String channel;

    private List<OutboxEvent> outbox = new ArrayList<>();

    /** Set by the version that retracted the entity, cleared by the one that reinstated it. */
    private Retraction retraction;

    /**
     * Set by the entity's last version, which erased its data; the document is deleted once that version's event is
     * published ({@link ErasureSweep}).
     */
    private Erasure erasure;

    @Version
    private Long revision;

    @PersistenceCreator
    RecordDocument(String id, String recordId, String type, String entityKey) {
        this.id = id;
        this.recordId = recordId;
        this.type = type;
        this.entityKey = entityKey;
    }

    static RecordDocument first(String type, String entityKey, String recordId) {
        return new RecordDocument(idOf(type, entityKey), recordId, type, entityKey);
    }

    static String idOf(String type, String entityKey) {
        return type + "/" + entityKey;
    }

    /** Makes the given data the entity's next version; the caller queues its event with {@link #enqueue}. */
    void acceptVersion(int typeVersion, String data, String submittedBy, Instant submittedAt, String channel) {
        this.version++;
        this.typeVersion = typeVersion;
        this.data = data;
        this.submittedBy = submittedBy;
        this.submittedAt = submittedAt;
        this.channel = channel;
    }

    void enqueue(OutboxEvent event) {
        outbox.add(event);
    }

    /** Stores the payload of the current version's pending event, before a newer version replaces its data. */
    void keepCurrentPayload(String payload) {
        outbox.replaceAll(event -> event.version() == version && event.payload() == null
                ? event.withPayload(payload) : event);
    }

    /** Whether the current version's event is pending without a stored payload. */
    boolean currentPayloadUnstored() {
        return outbox.stream().anyMatch(event -> event.version() == version && event.payload() == null);
    }

    /** The claims the outbox events were written under (events stored before claims existed have none). */
    Set<String> claims() {
        return outbox.stream().map(OutboxEvent::claim).filter(Objects::nonNull).collect(Collectors.toSet());
    }

    /** Drops the events known to be published: those whose claim is no longer {@code pending}. */
    void trimPublished(Set<String> pending) {
        outbox.removeIf(event -> event.claim() != null && !pending.contains(event.claim()));
    }

    /** Whether the outbox holds events stored before claims existed (no claim: they count as unpublished). */
    boolean hasUnclaimedEvents() {
        return outbox.stream().anyMatch(event -> event.claim() == null);
    }

    /** Puts the events stored before claims existed under this claim. */
    void claimUnclaimedEvents(String claim) {
        outbox.replaceAll(event -> event.claim() == null ? event.withClaim(claim) : event);
    }

    /** Whether this document holds the event of this version, written under this claim. */
    boolean holds(int version, String claim) {
        return outbox.stream().anyMatch(event -> event.version() == version && Objects.equals(event.claim(), claim));
    }

    /** Whether the entity has a version yet (a document read from MongoDB always has). */
    boolean exists() {
        return version > 0;
    }

    /** Sets the optimistic lock value the next write stores (the bulk path writes without Spring's save). */
    void stampRevision(long revision) {
        this.revision = revision;
    }

    public String eventId() {
        return recordId + ":" + version;
    }

    /** Kafka key and CloudEvents subject: {@code <type>/<entityKey>}. */
    public String subject() {
        return id;
    }

    /** Events not known to be published, oldest version first. */
    public List<OutboxEvent> pendingEvents() {
        return outbox.stream().sorted(Comparator.comparingInt(OutboxEvent::version)).toList();
    }

    public Retraction getRetraction() {
        return retraction;
    }

    void setRetraction(Retraction retraction) {
        this.retraction = retraction;
    }

    public Erasure getErasure() {
        return erasure;
    }

    void setErasure(Erasure erasure) {
        this.erasure = erasure;
    }

    public String getId() {
        return id;
    }

    public String getRecordId() {
        return recordId;
    }

    public String getType() {
        return type;
    }

    public String getEntityKey() {
        return entityKey;
    }

    public int getTypeVersion() {
        return typeVersion;
    }

    public int getVersion() {
        return version;
    }

    public String getData() {
        return data;
    }

    public String getSubmittedBy() {
        return submittedBy;
    }

    public Instant getSubmittedAt() {
        return submittedAt;
    }

    public String getChannel() {
        return channel;
    }

    public List<OutboxEvent> getOutbox() {
        return List.copyOf(outbox);
    }

    public Long getRevision() {
        return revision;
    }
}
