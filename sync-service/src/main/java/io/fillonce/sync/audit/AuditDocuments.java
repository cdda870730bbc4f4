package io.fillonce.sync.audit;

import java.util.List;

import org.bson.Document;

/** Audit entries to and from the BSON stored in a block; times are kept as ISO-8601 text, exactly as hashed. */
final class AuditDocuments {

    private AuditDocuments() {
    }

    static Document document(AuditEntry entry) {
        Document document = new Document(entry.canonical());
        document.put("hash", entry.hash());
        return document;
    }

    static AuditEntry entry(Document document) {
        return new AuditEntry(number(document, "seq"), document.getString("time"), document.getString("actor"),
                document.getString("action"), document.getString("department"), document.getString("type"),
                document.getString("entityKey"), document.getString("recordId"), number(document, "version"),
                document.getString("eventId"), document.getString("channel"),
                document.getList("fields", String.class, List.of()), document.getString("purpose"),
                document.getString("legalBasis"), document.getString("payloadHash"), document.getString("prevHash"),
                document.getString("hash"));
    }

    static List<AuditEntry> entries(Document block) {
        return block.getList("entries", Document.class, List.of()).stream().map(AuditDocuments::entry).toList();
    }

    static long number(Document document, String field) {
        Object value = document.get(field);
        return value instanceof Number number ? number.longValue() : -1;
    }
}
