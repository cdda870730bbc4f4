package io.fillonce.registry.recordtype;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.data.mongodb.core.mapping.Document;

import io.fillonce.registry.publishing.RegistryDocument;

/**
 * A record type with every version it ever had, in one document so that a new version is one atomic write.
 * Versions are appended, never changed. The id is the type's name.
 */
@Document("record_types")
class RecordTypeDocument extends RegistryDocument {

    private List<Version> versions = new ArrayList<>();
    private Compatibility compatibility;
    private String owner;

    /** The type's compatibility mode; documents from before modes existed are BACKWARD. */
    public Compatibility getCompatibility() {
        return compatibility == null ? Compatibility.BACKWARD : compatibility;
    }

    public void setCompatibility(Compatibility compatibility) {
        this.compatibility = compatibility;
    }

    /** The department that owns the type's data and approves requests for it; null: the administrators. */
    public String getOwner() {
        return owner;
    }

    public void setOwner(String owner) {
        this.owner = owner;
    }

    public List<Version> getVersions() {
        return versions;
    }

    public void setVersions(List<Version> versions) {
        this.versions = versions;
    }

    Version current() {
        return versions.get(versions.size() - 1);
    }

    /** One immutable version; the schema is kept as JSON text because its keys start with '$'. */
    record Version(int version, String title, List<String> entityKey, String schema,
            List<FieldSensitivity> sensitivity, String regionField, boolean crossRegionCorrection, Instant createdAt) {
    }

    record FieldSensitivity(String field, Sensitivity level) {
    }
}
