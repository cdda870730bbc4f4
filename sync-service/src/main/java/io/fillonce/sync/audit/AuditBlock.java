package io.fillonce.sync.audit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import io.fillonce.contracts.trust.AuditDigest;
import org.bson.Document;

/**
 * A block of the chain as written since the fan-out runs on Kafka (format 2): the audit events of one batch of the
 * audit topic, kept exactly as they travelled, as the text of one JSON array ({@code entries}); event {@code i} has
 * sequence {@code _id + i}. The chain links blocks: {@code hash} is the SHA-256 of the previous block's hash, the
 * first sequence, the count and the entries text, so changing, removing or reordering any delivery in a block breaks
 * its hash, and a missing block breaks the sequence or the link. {@code subjects} lists the entities the block
 * touches, for the access log. Blocks of format 1 (entries as documents, each hashed on its own) precede them in
 * chains started before; the first format-2 block links to the last format-1 entry's hash.
 */
final class AuditBlock {

    static final int FORMAT = 2;

    private AuditBlock() {
    }

    static Document of(long first, String previous, List<byte[]> events, Set<String> subjects) {
        String entries = join(events);
        return new Document("_id", first).append("v", FORMAT).append("count", events.size())
                .append("prevHash", previous).append("hash", hash(previous, first, events.size(), entries))
                .append("entries", entries).append("subjects", List.copyOf(subjects));
    }

    static String hash(String previous, long first, int count, String entries) {
        return AuditDigest.sha256(previous + "\n" + first + "\n" + count + "\n" + entries);
    }

    static boolean isBlock(Document document) {
        return document.get("v") instanceof Number v && v.intValue() == FORMAT;
    }

    static int count(Document block) {
        return (int) AuditDocuments.number(block, "count");
    }

    /** The hash the block's content gives; equal to {@code hash} unless the block was altered. */
    static String recomputed(Document block) {
        return hash(block.getString("prevHash"), AuditDocuments.number(block, "_id"), count(block),
                block.getString("entries"));
    }

    private static String join(List<byte[]> events) {
        ByteArrayOutputStream text = new ByteArrayOutputStream(events.stream().mapToInt(e -> e.length + 1).sum() + 2);
        text.write('[');
        for (int i = 0; i < events.size(); i++) {
            if (i > 0) {
                text.write(',');
            }
            text.writeBytes(events.get(i));
        }
        text.write(']');
        return text.toString(StandardCharsets.UTF_8);
    }
}
