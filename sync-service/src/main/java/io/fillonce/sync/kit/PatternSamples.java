package io.fillonce.sync.kit;

import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The shortest text a simple regular expression matches, for sample values: anchors, literals, {@code .},
 * {@code \d}, {@code \w}, character classes (their first character) and the repeats {@code ? * + {n} {n,m}}. Any
 * other construct (groups, alternatives, negated classes) gives nothing; so does a result the expression does not
 * match after all.
 */
final class PatternSamples {

    private PatternSamples() {
    }

    static Optional<String> of(String regex) {
        StringBuilder text = new StringBuilder();
        int i = 0;
        while (i < regex.length()) {
            char c = regex.charAt(i);
            String atom;
            if (c == '^' || c == '$') {
                i++;
                continue;
            }
            if (c == '\\' && i + 1 < regex.length()) {
                char escaped = regex.charAt(i + 1);
                atom = escaped == 'd' ? "0" : escaped == 'w' ? "a" : Character.isLetterOrDigit(escaped) ? null
                        : String.valueOf(escaped);
                i += 2;
            }
            else if (c == '[') {
                int end = regex.indexOf(']', i + 2);
                if (end < 0 || regex.charAt(i + 1) == '^' || regex.charAt(i + 1) == '\\') {
                    return Optional.empty();
                }
                atom = String.valueOf(regex.charAt(i + 1));
                i = end + 1;
            }
            else if ("(|)?*+{".indexOf(c) >= 0) {
                return Optional.empty();
            }
            else {
                atom = c == '.' ? "a" : String.valueOf(c);
                i++;
            }
            if (atom == null) {
                return Optional.empty();
            }
            int times = 1;
            if (i < regex.length() && "?*+{".indexOf(regex.charAt(i)) >= 0) {
                char repeat = regex.charAt(i);
                if (repeat == '{') {
                    int end = regex.indexOf('}', i);
                    if (end < 0) {
                        return Optional.empty();
                    }
                    String bounds = regex.substring(i + 1, end).split(",", -1)[0].strip();
                    try {
                        times = Integer.parseInt(bounds);
                    }
                    catch (NumberFormatException e) {
                        return Optional.empty();
                    }
                    i = end + 1;
                }
                else {
                    times = repeat == '+' ? 1 : 0;
                    i++;
                }
            }
            text.append(atom.repeat(Math.min(times, 1000)));
        }
        return matches(regex, text.toString()) ? Optional.of(text.toString()) : Optional.empty();
    }

    private static boolean matches(String regex, String text) {
        try {
            return Pattern.compile(regex).matcher(text).find();
        }
        catch (PatternSyntaxException e) {
            return false;
        }
    }
}
