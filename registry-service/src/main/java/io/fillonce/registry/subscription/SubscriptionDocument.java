package io.fillonce.registry.subscription;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

import io.fillonce.registry.publishing.RegistryDocument;

/**
 * A subscription. Field rules are a list (target names may be JSON Pointers); the filter is JSON text
 * because it is a free-form tree. {@code status} and {@code steps}: where it is in its life and how it got there
 * ({@code statusSince}: when the status last changed, absent until it first does). {@code topicReadUntil}: set
 * when its end left the department no other topic subscription; after it the department's Kafka read is revoked
 * ({@code topicReadRevoked}). {@code resyncVersion}: the version whose change asked sync-service to send the
 * department's current state again under it.
 */
@Document("subscriptions")
class SubscriptionDocument extends RegistryDocument {

    @Indexed
    private String department;
    @Indexed
    private String recordType;
    private String purpose;
    private String legalBasis;
    private List<TargetRule> fields = List.of();
    private String filter;
    private List<String> channels = List.of();
    private List<String> sensitiveFields = List.of();
    private Subjects subjects = Subjects.PSEUDONYM;
    private int version = 1;
    private SubscriptionStatus status = SubscriptionStatus.ACTIVE;
    private Instant statusSince;
    private List<LifecycleStep> steps = List.of();
    @Indexed(sparse = true)
    private Instant topicReadUntil;
    private boolean topicReadRevoked;
    private Integer resyncVersion;

    /** Moves to {@code status} and notes the step; call {@link #changed(Instant)} too. */
    void step(SubscriptionStatus newStatus, LifecycleStep step) {
        if (newStatus != status) {
            status = newStatus;
            statusSince = step.at();
        }
        List<LifecycleStep> all = new ArrayList<>(steps);
        all.add(step);
        steps = List.copyOf(all);
    }

    /** Grows with every change of what it shares (mapping, filter, channels, purpose, legal basis); starts at 1. */
    public int getVersion() {
        return Math.max(1, version);
    }

    public void setVersion(int version) {
        this.version = version;
    }

    public SubscriptionStatus getStatus() {
        return status;
    }

    public void setStatus(SubscriptionStatus status) {
        this.status = status == null ? SubscriptionStatus.ACTIVE : status;
    }

    public Instant getStatusSince() {
        return statusSince;
    }

    public void setStatusSince(Instant statusSince) {
        this.statusSince = statusSince;
    }

    public List<LifecycleStep> getSteps() {
        return steps;
    }

    public void setSteps(List<LifecycleStep> steps) {
        this.steps = steps == null ? List.of() : steps;
    }

    public Instant getTopicReadUntil() {
        return topicReadUntil;
    }

    public void setTopicReadUntil(Instant topicReadUntil) {
        this.topicReadUntil = topicReadUntil;
    }

    /** The version whose change asked for a re-sync of the current state under it; null: none. */
    public Integer getResyncVersion() {
        return resyncVersion;
    }

    public void setResyncVersion(Integer resyncVersion) {
        this.resyncVersion = resyncVersion;
    }

    public boolean isTopicReadRevoked() {
        return topicReadRevoked;
    }

    public void setTopicReadRevoked(boolean topicReadRevoked) {
        this.topicReadRevoked = topicReadRevoked;
    }

    public Subjects getSubjects() {
        return subjects;
    }

    public void setSubjects(Subjects subjects) {
        this.subjects = subjects == null ? Subjects.PSEUDONYM : subjects;
    }

    public List<String> getSensitiveFields() {
        return sensitiveFields;
    }

    public void setSensitiveFields(List<String> sensitiveFields) {
        this.sensitiveFields = sensitiveFields == null ? List.of() : sensitiveFields;
    }

    public String getDepartment() {
        return department;
    }

    public void setDepartment(String department) {
        this.department = department;
    }

    public String getRecordType() {
        return recordType;
    }

    public void setRecordType(String recordType) {
        this.recordType = recordType;
    }

    public String getPurpose() {
        return purpose;
    }

    public void setPurpose(String purpose) {
        this.purpose = purpose;
    }

    public String getLegalBasis() {
        return legalBasis;
    }

    public void setLegalBasis(String legalBasis) {
        this.legalBasis = legalBasis;
    }

    public List<TargetRule> getFields() {
        return fields;
    }

    public void setFields(List<TargetRule> fields) {
        this.fields = fields;
    }

    public String getFilter() {
        return filter;
    }

    public void setFilter(String filter) {
        this.filter = filter;
    }

    public List<String> getChannels() {
        return channels;
    }

    public void setChannels(List<String> channels) {
        this.channels = channels;
    }

    /** {@code value} and {@code defaultValue} are JSON text, like the filter. */
    record TargetRule(String target, String from, List<String> sources, String separator, String value,
            String transform, Integer keepPrefix, Integer keepSuffix, String codeTable, String pattern, String zone,
            Integer scale, String rounding, String defaultValue) {
    }
}
