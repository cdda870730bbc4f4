package io.fillonce.sync.kit;

import java.util.Map;
import java.util.Optional;

/**
 * A regular expression for the text a {@link java.time.format.DateTimeFormatter} pattern produces (the mapping
 * engine's {@code "transform": "date"}), for the numeric fields departments use: years {@code yyyy}/{@code uuuu}/
 * {@code yy}, months {@code MM}/{@code M}, days {@code dd}/{@code d}, hours {@code HH}/{@code H}, minutes
 * {@code mm}, seconds {@code ss}, fractions {@code S...}, quoted literals and any other non-letter. A pattern with
 * anything else (month names, weekdays, zones, ...) gets no expression: the field is then only said to be a string.
 */
final class DatePatterns {

    private static final Map<String, String> FIELDS = Map.ofEntries(
            Map.entry("yyyy", "[0-9]{4}"), Map.entry("uuuu", "[0-9]{4}"),
            Map.entry("yy", "[0-9]{2}"), Map.entry("uu", "[0-9]{2}"),
            Map.entry("MM", "(?:0[1-9]|1[0-2])"), Map.entry("M", "(?:[1-9]|1[0-2])"),
            Map.entry("dd", "(?:0[1-9]|[12][0-9]|3[01])"), Map.entry("d", "(?:[1-9]|[12][0-9]|3[01])"),
            Map.entry("HH", "(?:[01][0-9]|2[0-3])"), Map.entry("H", "(?:[0-9]|1[0-9]|2[0-3])"),
            Map.entry("mm", "[0-5][0-9]"), Map.entry("ss", "[0-5][0-9]"));

    private DatePatterns() {
    }

    /** The anchored expression, empty when the pattern uses a field this does not describe. */
    static Optional<String> regex(String pattern) {
        StringBuilder regex = new StringBuilder("^");
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (c == '\'') {
                int end = pattern.indexOf('\'', i + 1);
                if (end < 0) {
                    return Optional.empty();
                }
                regex.append(end == i + 1 ? "'" : escape(pattern.substring(i + 1, end)));
                i = end + 1;
                continue;
            }
            int run = i;
            while (run < pattern.length() && pattern.charAt(run) == c) {
                run++;
            }
            String letters = pattern.substring(i, run);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z')) { // the formatter's pattern letters
                regex.append(escape(letters));
            }
            else if (c == 'S') {
                regex.append("[0-9]{").append(letters.length()).append('}');
            }
            else if (FIELDS.containsKey(letters)) {
                regex.append(FIELDS.get(letters));
            }
            else {
                return Optional.empty();
            }
            i = run;
        }
        return Optional.of(regex.append('$').toString());
    }

    /** Literal text in an ECMA 262 expression (what JSON Schema validators use): only specials escaped. */
    private static String escape(String text) {
        StringBuilder escaped = new StringBuilder();
        text.codePoints().forEach(cp -> {
            if ("\\^$.|?*+()[]{}/".indexOf(cp) >= 0) {
                escaped.append('\\');
            }
            escaped.appendCodePoint(cp);
        });
        return escaped.toString();
    }
}
