package io.fillonce.registry.publishing;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.Indexed;

/**
 * What every registry document carries so its latest state reaches fillonce.registry even across Kafka outages
 * and crashes: {@code revision} grows with each change, {@code published} is cleared by the change (in the same
 * single-document write) and set again only after the broker acknowledged that very revision.
 */
public abstract class RegistryDocument {

    @Id
    private String id;

    @Version
    private Long lock;

    private long revision;

    private Instant updatedAt;

    @Indexed
    private boolean published;

    /** Records one change: the next revision, not yet published. Call before saving. */
    public void changed(Instant now) {
        revision++;
        updatedAt = now;
        published = false;
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

    public long getRevision() {
        return revision;
    }

    public void setRevision(long revision) {
        this.revision = revision;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public void setUpdatedAt(Instant updatedAt) {
        this.updatedAt = updatedAt;
    }

    public boolean isPublished() {
        return published;
    }

    public void setPublished(boolean published) {
        this.published = published;
    }
}
