package io.fillonce.sync.audit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.fillonce.contracts.trust.AuditDigest;
import org.bson.Document;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * A block of the chain as written since the fan-out runs on Kafka: the audit events of one batch of the audit topic,
 * kept exactly as they travelled, as the text of one JSON array ({@code entries}); event {@code i} has sequence
 * {@code _id + i}. The chain links blocks.
 * <p>
 * Format 3 (written now) separates in each event what names its data subject (the {@code entityKey} and every
 * {@code payloadHash} value: its <em>personal</em> part) from everything else: event {@code i}'s digest is
 * SHA-256({@code SHA-256(event with those values emptied) ":" personal[i]}), where {@code personal[i]} is the
 * SHA-256 of those values as written; the block's hash covers the previous block's hash, the first sequence, the
 * count and the digests. An erasure empties those values in place ({@link #blanked}) and notes the event in
 * {@code redacted} (index → sequence of the erasure's block): verification still checks everything else the event
 * says (who, what, when, which departments) against its digest, and only the emptied values against nothing. Any
 * other change breaks the digest.
 * <p>
 * Format 2 hashed the entries text itself (its events cannot be redacted without breaking it). {@code subjects}
 * lists the entities the block touches, for the access log. Blocks of format 1 (entries as documents, each hashed
 * on its own) precede them in chains started before; the first block of format 2 or 3 links to the last format-1
 * entry's hash.
 */
final class AuditBlock {

    static final int FORMAT = 3;
    static final String REDACTED = "redacted";
    private static final int TEXT_FORMAT = 2;
    private static final List<String> PERSONAL_NAMES = List.of("\"entityKey\"", "\"payloadHash\"");

    private AuditBlock() {
    }

    static Document of(long first, String previous, List<byte[]> events, Set<String> subjects) {
        List<String> personal = new ArrayList<>(events.size());
        List<String> digests = new ArrayList<>(events.size());
        for (byte[] event : events) {
            Personal parts = Personal.of(new String(event, StandardCharsets.UTF_8));
            String values = AuditDigest.sha256(parts.values());
            personal.add(values);
            digests.add(digest(parts.blanked(), values));
        }
        return new Document("_id", first).append("v", FORMAT).append("count", events.size())
                .append("prevHash", previous).append("hash", hash(previous, first, digests))
                .append("entries", join(events)).append("digests", digests).append("personal", personal)
                .append("subjects", List.copyOf(subjects));
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
     * event must still give its digest, and one not redacted its personal values' hash too.
     */
    static String recomputed(Document block) {
        String previous = block.getString("prevHash");
        long first = AuditDocuments.number(block, "_id");
        if (!isRedactable(block)) {
            return AuditDigest.sha256(previous + "\n" + first + "\n" + count(block) + "\n"
                    + block.getString("entries"));
        }
        List<String> digests = block.getList("digests", String.class, List.of());
        List<String> personal = block.getList("personal", String.class, List.of());
        List<String> events = events(block.getString("entries"));
        Map<String, Object> redacted = redactions(block);
        if (digests.size() != count(block) || events.size() != digests.size() || personal.size() != digests.size()) {
            return "count-mismatch";
        }
        for (int i = 0; i < events.size(); i++) {
            Personal parts = Personal.of(events.get(i));
            boolean personalIntact = redacted.containsKey(String.valueOf(i))
                    ? parts.values().replace("\u0000", "").isEmpty()
                    : AuditDigest.sha256(parts.values()).equals(personal.get(i));
            if (!personalIntact || !digest(parts.blanked(), personal.get(i)).equals(digests.get(i))) {
                return "digest-mismatch-at-" + (first + i);
            }
        }
        return hash(previous, first, digests);
    }

    /** Index (as text) → sequence of the erasure's block, for every redacted event of the block. */
    static Map<String, Object> redactions(Document block) {
        return block.get(REDACTED) instanceof Document redacted ? redacted : Map.of();
    }

    /** The event with its personal values (entity key, payload hashes) emptied, the rest exactly as written. */
    static String blanked(String event) {
        return Personal.of(event).blanked();
    }

    static String hash(String previous, long first, List<String> digests) {
        return AuditDigest.sha256(previous + "\n" + first + "\n" + digests.size() + "\n" + String.join(",", digests));
    }

    private static String digest(String blanked, String personal) {
        return AuditDigest.sha256(AuditDigest.sha256(blanked) + ":" + personal);
    }

    /**
     * An event's personal part, found in one pass over its text: every string value written right after
     * {@code "entityKey"} or {@code "payloadHash"} and a colon (white space around it), as written, escapes
     * included: {@code values}, each followed by a NUL, in the order written; {@code blanked}, the event with those
     * values emptied and everything else exactly as it was. (What the regular expression
     * {@code ("(?:entityKey|payloadHash)"\s*:\s*")((?:[^"\\]|\\.)*)(")} finds, without its backtracking: the
     * audit writer does this for every event it chains.)
     */
    record Personal(String values, String blanked) {

        static Personal of(String event) {
            StringBuilder values = new StringBuilder();
            StringBuilder blanked = null;
            int copied = 0;
            for (int quote = event.indexOf('"'); quote >= 0; ) {
                int[] value = valueAfterName(event, quote);
                if (value == null) {
                    quote = event.indexOf('"', quote + 1);
                    continue;
                }
                values.append(event, value[0], value[1]).append('\u0000');
                if (blanked == null) {
                    blanked = new StringBuilder(event.length());
                }
                blanked.append(event, copied, value[0]);
                copied = value[1];
                quote = event.indexOf('"', value[1] + 1);
            }
            String rest = blanked == null ? event : blanked.append(event, copied, event.length()).toString();
            return new Personal(values.toString(), rest);
        }

        /** Start and end of the value when a personal name starts at {@code at}; null when none does. */
        private static int[] valueAfterName(String event, int at) {
            for (String name : PERSONAL_NAMES) {
                if (!event.startsWith(name, at)) {
                    continue;
                }
                int i = skipSpace(event, at + name.length());
                if (i >= event.length() || event.charAt(i) != ':') {
                    return null;
                }
                i = skipSpace(event, i + 1);
                if (i >= event.length() || event.charAt(i) != '"') {
                    return null;
                }
                int start = i + 1;
                for (int j = start; j < event.length(); j++) {
                    char c = event.charAt(j);
                    if (c == '"') {
                        return new int[] {start, j};
                    }
                    if (c == '\\') {
                        if (j + 1 >= event.length() || lineTerminator(event.charAt(j + 1))) {
                            return null;
                        }
                        j++;
                    }
                }
                return null;
            }
            return null;
        }

        /** Past the white space {@code \s} stands for. */
        private static int skipSpace(String event, int at) {
            int i = at;
            while (i < event.length() && " \t\n\u000B\f\r".indexOf(event.charAt(i)) >= 0) {
                i++;
            }
            return i;
        }

        /** What {@code .} does not match. */
        private static boolean lineTerminator(char c) {
            return c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
        }
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
