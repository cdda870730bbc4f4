package io.fillonce.sync.audit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.fillonce.contracts.trust.AuditDigest;
import org.bson.Document;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * A block of the chain as written since the fan-out runs on Kafka: the audit events of one batch of the audit topic,
 * kept exactly as they travelled, as the text of one JSON array ({@code entries}); event {@code i} has sequence
 * {@code _id + i}. The chain links blocks. Format 3 (written now) keeps each event's SHA-256 in {@code digests} and
 * hashes the previous block's hash, the first sequence, the count and those digests: an event that names an erased
 * entity can be redacted ({@link #REDACTED_MARK}, its key and payload hashes removed) while its digest keeps the
 * chain whole, and any other change to an event breaks its digest. Format 2 hashed the entries text itself (so its
 * events cannot be redacted without breaking it). {@code subjects} lists the entities the block touches, for the
 * access log. Blocks of format 1 (entries as documents, each hashed on its own) precede them in chains started
 * before; the first block of format 2 or 3 links to the last format-1 entry's hash.
 */
final class AuditBlock {

    static final int FORMAT = 3;
    private static final int TEXT_FORMAT = 2;
    /** How a redacted event's text begins; what follows is what the event said that does not name the entity. */
    static final String REDACTED_MARK = "{\"redacted\":";

    private AuditBlock() {
    }

    static Document of(long first, String previous, List<byte[]> events, Set<String> subjects) {
        List<String> digests = events.stream().map(event -> AuditDigest.sha256(new String(event,
                StandardCharsets.UTF_8))).toList();
        return new Document("_id", first).append("v", FORMAT).append("count", events.size())
                .append("prevHash", previous).append("hash", hash(previous, first, digests))
                .append("entries", join(events)).append("digests", digests).append("subjects", List.copyOf(subjects));
    }

    static boolean isBlock(Document document) {
        return document.get("v") instanceof Number v && (v.intValue() == FORMAT || v.intValue() == TEXT_FORMAT);
    }

    static boolean isRedactable(Document block) {
        return block.get("v") instanceof Number v && v.intValue() == FORMAT;
    }

    static int count(Document block) {
        return (int) AuditDocuments.number(block, "count");
    }

    /**
     * The hash the block's content gives; equal to {@code hash} unless the block was altered: in format 3 every
     * event that is not redacted must still have its digest.
     */
    static String recomputed(Document block) {
        String previous = block.getString("prevHash");
        long first = AuditDocuments.number(block, "_id");
        if (!isRedactable(block)) {
            return AuditDigest.sha256(previous + "\n" + first + "\n" + count(block) + "\n"
                    + block.getString("entries"));
        }
        List<String> digests = block.getList("digests", String.class, List.of());
        List<String> events = events(block.getString("entries"));
        if (digests.size() != count(block) || events.size() != digests.size()) {
            return "count-mismatch";
        }
        for (int i = 0; i < events.size(); i++) {
            String event = events.get(i);
            if (!event.startsWith(REDACTED_MARK) && !AuditDigest.sha256(event).equals(digests.get(i))) {
                return "digest-mismatch-at-" + (first + i);
            }
        }
        return hash(previous, first, digests);
    }

    /** How many of the block's events were redacted. */
    static long redacted(Document block) {
        return isRedactable(block)
                ? events(block.getString("entries")).stream().filter(e -> e.startsWith(REDACTED_MARK)).count() : 0;
    }

    static String hash(String previous, long first, List<String> digests) {
        return AuditDigest.sha256(previous + "\n" + first + "\n" + digests.size() + "\n" + String.join(",", digests));
    }

    /** The text of each event of an entries array, exactly as it is stored (the array holds objects only). */
    static List<String> events(String entries) {
        List<String> events = new ArrayList<>();
        try (JsonParser parser = JsonMapper.shared().createParser(entries)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                return events;
            }
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                int start = (int) parser.currentTokenLocation().getCharOffset();
                parser.skipChildren();
                int end = (int) parser.currentLocation().getCharOffset();
                events.add(entries.substring(start, end));
            }
        }
        return events;
    }

    /** The entries array of these event texts. */
    static String joinTexts(List<String> events) {
        return join(events.stream().map(event -> event.getBytes(StandardCharsets.UTF_8)).toList());
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
