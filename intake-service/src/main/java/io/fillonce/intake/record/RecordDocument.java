package io.fillonce.intake.record;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One entity's current record plus the events not yet relayed, in ONE MongoDB document, so accepting a version
 * and queueing its event is a single-document write. {@code revision} is the optimistic lock (bumped by every
 * write, the relay's included); {@code version} is the entity version receivers see.
 */
@Document(RecordDocument.COLLECTION)
@CompoundIndex(name = "pending_events", def = "{'outbox.eventId': 1}", sparse = true)
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

    public String eventId() {
        return recordId + ":" + version;
    }

    /** Kafka key and CloudEvents subject: {@code <type>/<entityKey>}. */
    public String subject() {
        return id;
    }

    /** Pending events, oldest version first. */
    public List<OutboxEvent> pendingEvents() {
        return outbox.stream().sorted(Comparator.comparingInt(OutboxEvent::version)).toList();
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
