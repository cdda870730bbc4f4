package io.fillonce.intake.record;

import java.util.Arrays;

/**
 * An {@code If-Match} precondition on an entity's version (ETag {@code "<version>"}); absent means no condition.
 * {@code *} matches any existing version; weak tags compare by their value.
 */
public record IfMatch(String header) {

    public static final IfMatch NONE = new IfMatch(null);

    /** Throws {@link PreconditionRequired} when there is no condition (corrections need one). */
    void require() {
        if (header == null || header.isBlank()) {
            throw new PreconditionRequired();
        }
    }

    /** Throws {@link PreconditionFailed} unless the entity's current version (0: no entity yet) matches. */
    void check(String subject, int currentVersion) {
        if (header == null || header.isBlank()) {
            return;
        }
        boolean matches = Arrays.stream(header.split(","))
                .map(String::strip)
                .anyMatch(tag -> currentVersion > 0 && ("*".equals(tag) || tag(tag).equals(String.valueOf(currentVersion))));
        if (!matches) {
            throw new PreconditionFailed(subject, header.strip(), currentVersion);
        }
    }

    private static String tag(String tag) {
        String strong = tag.startsWith("W/") ? tag.substring(2) : tag;
        return strong.length() >= 2 && strong.startsWith("\"") && strong.endsWith("\"")
                ? strong.substring(1, strong.length() - 1) : strong;
    }
}
