package io.fillonce.sync.audit;

import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An event's personal part is found in one pass exactly where the regular expression the audit format is defined by
 * finds it: the same values and the same blanked text, for real events and for random text full of quotes, escapes,
 * white space and near misses.
 */
class AuditBlockPersonalTests {

    private static final Pattern DEFINITION = Pattern.compile(
            "(\"(?:entityKey|payloadHash)\"\\s*:\\s*\")((?:[^\"\\\\]|\\\\.)*)(\")");

    @Test
    void findsTheKeyAndEveryPayloadHashOfARealEvent() {
        String event = """
                {"time":"2026-12-07T10:00:00Z","actor":"sync","action":"DELIVERED","type":"resident",\
                "entityKey":"3706\\"02","recipients":[{"department":"a","payloadHash":"ab12"},\
                {"department":"b","payloadHash" : "cd34"}],"note":"\\"entityKey\\":\\"not this\\""}""";

        AuditBlock.Personal personal = AuditBlock.Personal.of(event);

        assertThat(personal.values()).isEqualTo("3706\\\"02\u0000ab12\u0000cd34\u0000");
        assertThat(personal.blanked()).contains("\"entityKey\":\"\"", "\"payloadHash\":\"\"",
                "\"payloadHash\" : \"\"", "not this");
        assertSameAsTheDefinition(event);
    }

    @Test
    void agreesWithTheDefinitionOnRandomText() {
        List<String> pieces = List.of("\"entityKey\"", "\"payloadHash\"", "\"entity\"", ":", " ", "\t", "\n", "\"",
                "\\", "\\\"", "a", "7", ",", "{", "}", "\u2028", "\"entityKey\":\"", "\"payloadHash\": \"x");
        Random random = new Random(20261207);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(30); i > 0; i--) {
                text.append(pieces.get(random.nextInt(pieces.size())));
            }
            assertSameAsTheDefinition(text.toString());
        }
    }

    private static void assertSameAsTheDefinition(String event) {
        StringBuilder values = new StringBuilder();
        Matcher matcher = DEFINITION.matcher(event);
        while (matcher.find()) {
            values.append(matcher.group(2)).append('\u0000');
        }
        AuditBlock.Personal personal = AuditBlock.Personal.of(event);
        assertThat(personal.values()).as(event).isEqualTo(values.toString());
        assertThat(personal.blanked()).as(event).isEqualTo(DEFINITION.matcher(event).replaceAll("$1$3"));
    }
}
