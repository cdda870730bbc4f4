package io.fillonce.registry.subscription;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A department's sharing request, in one document so that each decision is one atomic write (a concurrent decision
 * loses on {@code lock}). {@code proposal} is the subscription request as JSON text (its filter is a free-form
 * tree). {@code subscription}: the subscription it changes, or the id the new one gets once approved (chosen at
 * filing, so an approval that is retried after a crash finds what it created). {@code owner}: the department whose
 * approval it needs, kept for the owner's list.
 */
@Document("sharing_requests")
class SharingRequestDocument {

    @Id
    private String id;
    @Version
    private Long lock;
    @Indexed
    private String department;
    private String requestedBy;
    private String recordType;
    private String subscription;
    private Integer changesVersion;
    private String proposal;
    private boolean resync;
    @Indexed(sparse = true)
    private String owner;
    private List<String> sensitiveReads = List.of();
    private List<Approval> approvals = List.of();
    private SharingRequestStatus status = SharingRequestStatus.REQUESTED;
    private List<LifecycleStep> steps = List.of();
    private Instant createdAt;
    private Instant updatedAt;

    void step(LifecycleStep step, Instant now) {
        List<LifecycleStep> all = new ArrayList<>(steps);
        all.add(step);
        steps = List.copyOf(all);
        updatedAt = now;
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public Long getLock() {
        return lock;
    }

    public void setLock(Long lock) {
        this.lock = lock;
    }

    public String getDepartment() {
        return department;
    }

    public void setDepartment(String department) {
        this.department = department;
    }

    public String getRequestedBy() {
        return requestedBy;
    }

    public void setRequestedBy(String requestedBy) {
        this.requestedBy = requestedBy;
    }

    public String getRecordType() {
        return recordType;
    }

    public void setRecordType(String recordType) {
        this.recordType = recordType;
    }

    public String getSubscription() {
        return subscription;
    }

    public void setSubscription(String subscription) {
        this.subscription = subscription;
    }

    public Integer getChangesVersion() {
        return changesVersion;
    }

    public void setChangesVersion(Integer changesVersion) {
        this.changesVersion = changesVersion;
    }

    public String getProposal() {
        return proposal;
    }

    public void setProposal(String proposal) {
        this.proposal = proposal;
    }

    public boolean isResync() {
        return resync;
    }

    public void setResync(boolean resync) {
        this.resync = resync;
    }

    public String getOwner() {
        return owner;
    }

    public void setOwner(String owner) {
        this.owner = owner;
    }

    public List<String> getSensitiveReads() {
        return sensitiveReads;
    }

    public void setSensitiveReads(List<String> sensitiveReads) {
        this.sensitiveReads = sensitiveReads == null ? List.of() : sensitiveReads;
    }

    public List<Approval> getApprovals() {
        return approvals;
    }

    public void setApprovals(List<Approval> approvals) {
        this.approvals = approvals == null ? List.of() : approvals;
    }

    public SharingRequestStatus getStatus() {
        return status;
    }

    public void setStatus(SharingRequestStatus status) {
        this.status = status;
    }

    public List<LifecycleStep> getSteps() {
        return steps;
    }

    public void setSteps(List<LifecycleStep> steps) {
        this.steps = steps == null ? List.of() : steps;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(Instant createdAt) {
        this.createdAt = createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public void setUpdatedAt(Instant updatedAt) {
        this.updatedAt = updatedAt;
    }
}
