package io.fillonce.local;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Generated malformed and hostile requests for registry, intake and sync endpoints (issue 6, "Proof"): broken JSON,
 * huge numbers, deep nesting, wrong types, unicode edge cases, injection-looking strings, path traversal in ids,
 * oversized bodies and headers. Every one is invalid by construction (each mutation hits a field the service must
 * check: a pattern, an enum, a required type), so the only right answers are 4xx problems that store nothing.
 */
final class HostileRequests {

    enum Caller { ADMIN, CADRE, DEPARTMENT }

    record Hostile(String kind, Caller caller, String method, String path, String contentType, byte[] body,
            Map<String, String> headers) {

        @Override
        public String toString() {
            String text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
            return kind + " " + method + " " + path + " " + headers.keySet() + " "
                    + (text.length() > 300 ? text.substring(0, 300) + "…(" + text.length() + " chars)" : text);
        }
    }

    /** A JSON body as field name → raw JSON value, and the fields whose every wrong value the service refuses. */
    private record Template(Caller caller, String method, String path, String contentType,
            Map<String, String> fields, List<String> guarded) {

        String json(Map<String, String> replaced) {
            Map<String, String> merged = new LinkedHashMap<>(fields);
            merged.putAll(replaced);
            StringBuilder json = new StringBuilder("{");
            merged.forEach((name, value) -> json.append(json.length() > 1 ? "," : "").append(quote(name))
                    .append(':').append(value));
            return json.append('}').toString();
        }
    }

    static final List<String> INJECTIONS = List.of("' OR '1'='1", "\"; DROP TABLE records; --", "{\"$gt\": \"\"}",
            "$where: sleep(1000)", "${jndi:ldap://127.0.0.1:1/a}", "<script>alert(1)</script>", "../../../etc/passwd",
            "..\\..\\windows\\win.ini", "%00", "\r\nX-Injected: 1", "{{7*7}}", "#{7*7}", "`id`", "$(id)", "\u0000",
            "%s%s%s%n", "<!ENTITY x SYSTEM \"file:///etc/passwd\">", "'; db.dropDatabase(); '", "A".repeat(10_000));
    static final List<String> EDGE_UNICODE = List.of("\u0000", "\uD800", "\uDFFF", "\u202E", "\uFEFF", "\u0301",
            "\uD83D\uDE00", "\u2028", "\uFFFF", "\u0130", "\u00DF", "\u1F71", "\uFF11", "\u0660", "\t", "\u007F");
    static final List<String> TRAVERSALS = List.of("..%2F..%2F..%2Fetc%2Fpasswd", "%2e%2e%2f%2e%2e%2f", "..;",
            "%00", "%252e%252e%252f", "....%2F%2F", "%c0%ae%c0%ae%2F", "..%5c..%5cwindows", "%2F", "%20", "~root",
            "%7B%22%24gt%22%3A%22%22%7D", "%24where", "..%00", "%2e%2e", "x%0D%0ASet-Cookie:%20a=b");
    private static final List<String> WRONG_STRUCTURE = List.of("[]", "{}", "[\"x\"]", "{\"$gt\":\"\"}",
            "{\"$ne\":null}", "[[[]]]", "[{}]");
    private static final List<String> WRONG_SCALARS = List.of("null", "true", "false", "0", "-1", "3.14",
            "370602199001011234");
    private static final List<String> HUGE_NUMBERS = List.of("1e999999", "-1e-999999", "1" + "0".repeat(400),
            "9".repeat(1200), "-" + "9".repeat(5000), "123456789012345678901234567890.123456789e-308",
            "1.7976931348623157e309", "-0.0e-0");
    private static final List<String> INVALID_LIMITS = List.of("-1", "0", "1001", "99999999999999999999", "abc",
            "1.5", "0x10", "%00", "NaN", "1e2", "%EF%BC%91", "2147483648", "-2147483649", "%27%20OR%201=1");

    private static final JsonMapper STRICT = JsonMapper.builder().build();

    private final List<Template> registry;
    private final List<Template> records;
    private final String preview;

    HostileRequests(String recordKey, String subscription) {
        this.preview = "/api/registry/subscriptions/" + subscription + "/preview";
        this.registry = List.of(
                template(Caller.ADMIN, "/api/registry/departments", Map.of("code", "\"hostile-dept\"",
                        "name", "\"Hostile\""), "code"),
                template(Caller.ADMIN, "/api/registry/cadres", Map.of("id", "\"c-hostile\"", "name", "\"X\"",
                        "regionCode", "\"370602\""), "id", "regionCode"),
                template(Caller.ADMIN, "/api/registry/code-tables", Map.of("name", "\"hostile-table\"",
                        "entries", "{\"F\":\"2\"}"), "name"),
                template(Caller.ADMIN, "/api/registry/principals", Map.of("id", "\"p-hostile\"", "name", "\"X\"",
                        "role", "\"OPS\""), "id", "role"),
                template(Caller.ADMIN, "/api/registry/record-types", Map.of("name", "\"hostile-type\"",
                        "title", "\"t\"", "entityKey", "[\"idNumber\"]", "schema",
                        "{\"type\":\"object\",\"properties\":{\"idNumber\":{\"type\":\"string\"}}}"), "name"),
                template(Caller.ADMIN, "/api/registry/subscriptions", Map.of("department", "\"civil-affairs\"",
                        "recordType", "\"resident\"", "purpose", "\"p\"", "legalBasis", "\"l\"",
                        "fields", "{\"xm\":{\"from\":\"/name\"}}", "channels", "[\"feed\"]"),
                        "department", "recordType"));
        Map<String, String> resident = Map.of("idNumber", "\"370602199001019999\"", "name", "\"Hostile\"",
                "gender", "\"F\"", "regionCode", "\"370602\"", "phone", "\"1\"", "address", "{\"line\":\"x\"}");
        this.records = List.of(
                new Template(Caller.CADRE, "POST", "/api/records/resident", "application/json", resident,
                        List.of("idNumber", "gender", "regionCode")),
                new Template(Caller.CADRE, "PATCH", "/api/records/resident/" + recordKey,
                        "application/merge-patch+json", Map.of("gender", "\"M\"", "name", "\"N\""),
                        List.of("gender")));
    }

    /** All families, weighted so that every service gets hundreds of requests. */
    Arbitrary<Hostile> all() {
        return Arbitraries.frequencyOf(
                Tuple.of(30, Arbitraries.of(registry).flatMap(this::mutated)),
                Tuple.of(30, Arbitraries.of(records).flatMap(this::mutated)),
                Tuple.of(8, previews()),
                Tuple.of(8, feeds()),
                Tuple.of(16, hostileIds()),
                Tuple.of(4, schemaVersions()));
    }

    /** A few requests over the gateway's size limits (2 MB body, 16 KB of headers): costly, so only these. */
    List<Hostile> oversized() {
        String big = "{\"name\":\"" + "x".repeat(3 * 1024 * 1024) + "\"}";
        Map<String, String> bigHeader = Map.of("X-Hostile", "h".repeat(20 * 1024));
        return List.of(
                new Hostile("oversized-body", Caller.CADRE, "POST", "/api/records/resident", "application/json",
                        utf8(big), Map.of()),
                new Hostile("oversized-body", Caller.ADMIN, "POST", "/api/registry/departments", "application/json",
                        utf8(big), Map.of()),
                new Hostile("oversized-body", Caller.ADMIN, "POST", preview, "application/json", utf8(big), Map.of()),
                new Hostile("oversized-header", Caller.CADRE, "POST", "/api/records/resident", "application/json",
                        utf8("{}"), bigHeader),
                new Hostile("oversized-header", Caller.DEPARTMENT, "GET", "/api/feeds/civil-affairs?limit=-1", null,
                        null, bigHeader));
    }

    private Arbitrary<Hostile> mutated(Template t) {
        Arbitrary<String> field = Arbitraries.of(t.guarded());
        Arbitrary<String> anyField = Arbitraries.of(List.copyOf(t.fields().keySet()));
        Arbitrary<String> json = Arbitraries.oneOf(
                broken(t.json(Map.of())),
                Combinators.combine(field, Arbitraries.of(WRONG_STRUCTURE)).as((f, v) -> t.json(Map.of(f, v))),
                Combinators.combine(field, Arbitraries.of(HUGE_NUMBERS)).as((f, v) -> t.json(Map.of(f, v))),
                Combinators.combine(field, deep()).as((f, v) -> t.json(Map.of(f, v))),
                Combinators.combine(field, anyField, unicode()).as((f, other, v) ->
                        t.json(twoFields(other, f, quote(v)))),
                Arbitraries.of(INJECTIONS).list().ofSize(t.fields().size()).map(values -> injected(t, values)),
                Combinators.combine(field, Arbitraries.of(WRONG_SCALARS)).as((f, v) -> t.json(Map.of(f, v))));
        Arbitrary<byte[]> body = Arbitraries.oneOf(json.map(HostileRequests::utf8), json.map(HostileRequests::badUtf8));
        return body.map(b -> new Hostile("body", t.caller(), t.method(), t.path(), t.contentType(), b,
                t.method().equals("PATCH") ? Map.of("If-Match", "\"1\"") : Map.of()));
    }

    private Arbitrary<Hostile> previews() {
        Arbitrary<String> json = Arbitraries.oneOf(broken("{\"idNumber\":\"370602199001011234\",\"name\":\"x\"}"),
                deep(), Arbitraries.of(HUGE_NUMBERS), Arbitraries.of("[]", "1", "\"x\"", "null", "true", ""));
        return json.map(body -> new Hostile("preview", Caller.ADMIN, "POST", preview, "application/json",
                utf8(body), Map.of()));
    }

    private Arbitrary<Hostile> feeds() {
        return Combinators.combine(Arbitraries.of(INVALID_LIMITS), hostileId()).as((limit, after) ->
                new Hostile("feed", Caller.DEPARTMENT, "GET", "/api/feeds/civil-affairs?limit=" + limit + "&after="
                        + after, null, null, Map.of()));
    }

    private Arbitrary<Hostile> hostileIds() {
        Arbitrary<String[]> target = Arbitraries.of(
                new String[] {"ADMIN", "GET", "/api/registry/departments/"},
                new String[] {"ADMIN", "GET", "/api/registry/cadres/"},
                new String[] {"ADMIN", "GET", "/api/registry/record-types/"},
                new String[] {"ADMIN", "GET", "/api/registry/subscriptions/"},
                new String[] {"ADMIN", "PUT", "/api/registry/code-tables/"},
                new String[] {"ADMIN", "GET", "/api/ops/dead-letters/"},
                new String[] {"ADMIN", "POST", "/api/ops/dead-letters/%s/replay"},
                new String[] {"CADRE", "GET", "/api/records/resident/"},
                new String[] {"CADRE", "GET", "/api/records/resident/%s/history"},
                new String[] {"CADRE", "GET", "/api/records/resident/batch/"},
                new String[] {"CADRE", "GET", "/api/records/resident/../../registry/"},
                new String[] {"DEPARTMENT", "GET", "/api/feeds/civil-affairs/../"});
        return Combinators.combine(target, hostileId()).as((t, id) -> {
            String path = t[2].contains("%s") ? t[2].formatted(id) : t[2] + id;
            byte[] body = t[1].equals("GET") ? null : utf8("{\"entries\":{\"F\":\"2\"},\"reason\":\"" + id + "\"}");
            return new Hostile("id", Caller.valueOf(t[0]), t[1], path, body == null ? null : "application/json",
                    body, Map.of());
        });
    }

    private Arbitrary<Hostile> schemaVersions() {
        String record = """
                {"idNumber": "370602199001018888", "name": "V", "gender": "F", "regionCode": "370602"}""";
        return Arbitraries.of("0", "-1", "99999999999999999999", "abc", "1.0", "1e0", "0x1", "%31", "2147483648")
                .map(version -> new Hostile("schema-version", Caller.CADRE, "POST", "/api/records/resident",
                        "application/json", utf8(record), Map.of("Fillonce-Schema-Version", version)));
    }

    /** An id no service can hold: a traversal, or generated text with at least one character ids never have. */
    private static Arbitrary<String> hostileId() {
        Arbitrary<String> generated = Combinators.combine(Arbitraries.of(EDGE_UNICODE).injectNull(0),
                Arbitraries.strings().all().ofMinLength(0).ofMaxLength(80), Arbitraries.of(INJECTIONS))
                .as((edge, text, injection) -> URLEncoder.encode(edge + text + injection.substring(0,
                        Math.min(injection.length(), 200)), StandardCharsets.UTF_8));
        return Arbitraries.oneOf(generated, Arbitraries.of(TRAVERSALS));
    }

    private static Arbitrary<String> unicode() {
        return Combinators.combine(Arbitraries.of(EDGE_UNICODE), Arbitraries.strings().all().ofMaxLength(40))
                .as((edge, text) -> text + edge);
    }

    private static Arbitrary<String> deep() {
        return Combinators.combine(Arbitraries.of(1_500, 20_000), Arbitraries.of(true, false))
                .as((depth, arrays) -> arrays ? "[".repeat(depth) + "]".repeat(depth)
                        : "{\"a\":".repeat(depth) + "1" + "}".repeat(depth));
    }

    private static Arbitrary<String> broken(String valid) {
        Arbitrary<String> truncated = Arbitraries.integers().between(0, valid.length() - 1).map(valid::substring)
                .map(tail -> valid.substring(0, valid.length() - tail.length()));
        Arbitrary<String> spliced = Combinators.combine(Arbitraries.integers().between(1, valid.length() - 1),
                Arbitraries.of("{", "}", ",", ":", "\"", "]", "NaN", "//x", "'", "\\", "\u0000", ",,", "}{"))
                .as((at, junk) -> valid.substring(0, at) + junk + valid.substring(at));
        return Arbitraries.oneOf(truncated, spliced, Arbitraries.of(valid + "}", valid + ",", "{'a': 1}",
                "{\"a\": 1,}", "{\"a\" 1}", "{\"a\": NaN}", "{\"a\": 01}", "/* c */" + valid))
                .filter(HostileRequests::isNotJson);
    }

    /** Junk spliced into a string literal can still be JSON: only what a strict parser refuses is "broken". */
    private static boolean isNotJson(String text) {
        try {
            STRICT.readTree(text);
            return false;
        }
        catch (JacksonException e) {
            return true;
        }
    }

    private static Map<String, String> twoFields(String first, String second, String value) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(first, value);
        fields.put(second, value);
        return fields;
    }

    private static String injected(Template t, List<String> values) {
        Map<String, String> replaced = new LinkedHashMap<>();
        int i = 0;
        for (String name : t.fields().keySet()) {
            replaced.put(name, quote(values.get(i++)));
        }
        return t.json(replaced);
    }

    private static Template template(Caller caller, String path, Map<String, String> fields, String... guarded) {
        return new Template(caller, "POST", path, "application/json", new LinkedHashMap<>(fields), List.of(guarded));
    }

    /** A JSON string literal; non-ASCII and control characters as \\u escapes (lone surrogates included). */
    static String quote(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                quoted.append('\\').append(c);
            }
            else if (c < 0x20 || c > 0x7E) {
                quoted.append(String.format("\\u%04x", (int) c));
            }
            else {
                quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The body with bytes that are never UTF-8 (a lone continuation byte, an overlong slash, 0xFF) inside it. */
    private static byte[] badUtf8(String json) {
        byte[] text = utf8(json);
        int at = text.length / 2;
        byte[] bad = new byte[text.length + 3];
        System.arraycopy(text, 0, bad, 0, at);
        bad[at] = (byte) 0xC0;
        bad[at + 1] = (byte) 0xAF;
        bad[at + 2] = (byte) 0xFF;
        System.arraycopy(text, at, bad, at + 3, text.length - at);
        return bad;
    }
}
