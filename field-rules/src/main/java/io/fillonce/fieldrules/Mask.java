package io.fillonce.fieldrules;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.StringNode;

/** Keeps {@code keepPrefix} leading and {@code keepSuffix} trailing characters and stars the rest. */
public record Mask(int keepPrefix, int keepSuffix) implements ValueTransform {

    static final int DEFAULT_PREFIX = 6;
    static final int DEFAULT_SUFFIX = 2;

    @Override
    public JsonNode apply(JsonNode value, String from, FieldHasher hasher) {
        return StringNode.valueOf(apply(ValueTransform.text(value, from, "masked")));
    }

    /** Same length as {@code text} (in characters); all stars when the text is not longer than prefix + suffix. */
    String apply(String text) {
        int[] chars = text.codePoints().toArray();
        boolean keepEnds = chars.length > keepPrefix + keepSuffix;
        StringBuilder masked = new StringBuilder(text.length());
        for (int i = 0; i < chars.length; i++) {
            boolean kept = keepEnds && (i < keepPrefix || i >= chars.length - keepSuffix);
            masked.appendCodePoint(kept ? chars[i] : '*');
        }
        return masked.toString();
    }
}
