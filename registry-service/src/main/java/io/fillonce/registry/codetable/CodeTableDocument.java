package io.fillonce.registry.codetable;

import java.util.List;

import org.springframework.data.mongodb.core.mapping.Document;

import io.fillonce.registry.publishing.RegistryDocument;

/**
 * A code table's current version; entries are a list because codes may contain '.' or start with '$'.
 * {@code history}: what every version changed, who, when (kept in the same document, so a version and its history
 * entry are one write; not published).
 */
@Document("code_tables")
class CodeTableDocument extends RegistryDocument {

    private int version;
    private List<Entry> entries = List.of();
    private List<CodeTableChange> history = List.of();

    public List<CodeTableChange> getHistory() {
        return history;
    }

    public void setHistory(List<CodeTableChange> history) {
        this.history = history == null ? List.of() : history;
    }

    public int getVersion() {
        return version;
    }

    public void setVersion(int version) {
        this.version = version;
    }

    public List<Entry> getEntries() {
        return entries;
    }

    public void setEntries(List<Entry> entries) {
        this.entries = entries;
    }

    record Entry(String canonical, String code) {
    }
}
