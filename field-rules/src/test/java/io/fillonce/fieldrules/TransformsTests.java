package io.fillonce.fieldrules;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every transform kind of a field rule, with what happens to missing, null and ill-typed source values. */
class TransformsTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final CodeTables TABLES =
            name -> Optional.of(new CodeTable("gender-civil", Map.of("F", "2", "M", "1"))).filter(t -> t.name().equals(name));

    private final JsonNode resident = json("""
            {"idNumber": "370602199001011234", "name": "Li Mei", "gender": "F", "birthDate": "1990-01-01",
             "registeredAt": "2026-11-27T17:30:00Z", "income": 1234.5, "members": 3, "nickname": null,
             "address": {"province": "Shandong", "city": "Yantai", "district": "Zhifu", "line": "12 Haigang Rd"}}""");

    @Test
    void formatsIsoDatesAndDateTimesWithAPattern() {
        assertThat(map("""
                {"csrq": {"from": "/birthDate", "transform": "date", "pattern": "yyyyMMdd"},
                 "csrq2": {"from": "/birthDate", "transform": "date", "pattern": "yyyy年MM月dd日"},
                 "djsj": {"from": "/registeredAt", "transform": "date", "pattern": "yyyy-MM-dd HH:mm"},
                 "djrq": {"from": "/registeredAt", "transform": "date", "pattern": "yyyyMMdd", "zone": "Asia/Shanghai"}}"""))
                .isEqualTo(json("""
                        {"csrq": "19900101", "csrq2": "1990年01月01日", "djsj": "2026-11-27 17:30", "djrq": "20261128"}"""));
    }

    @Test
    void refusesToFormatSomethingThatIsNotAnIsoDate() {
        assertUnmappable("""
                {"csrq": {"from": "/name", "transform": "date", "pattern": "yyyyMMdd"}}""", "/name", "yyyyMMdd");
        assertUnmappable("""
                {"csrq": {"from": "/members", "transform": "date", "pattern": "yyyyMMdd"}}""", "/members", "NUMBER");
        assertUnmappable("""
                {"csrq": {"from": "/birthDate", "transform": "date", "pattern": "HH:mm"}}""", "csrq", "/birthDate");
    }

    @Test
    void roundsAndFormatsNumbers() {
        assertThat(map("""
                {"sr": {"from": "/income", "transform": "number", "scale": 0},
                 "sr2": {"from": "/income", "transform": "number", "scale": 0, "rounding": "HALF_EVEN"},
                 "sr3": {"from": "/income", "transform": "number", "pattern": "#,##0.00"},
                 "sr4": {"from": "/income", "transform": "number", "scale": 2},
                 "rs": {"from": "/members", "transform": "number", "pattern": "000"}}""").toString())
                .isEqualTo("""
                        {"sr":1235,"sr2":1234,"sr3":"1,234.50","sr4":1234.50,"rs":"003"}""");
    }

    @Test
    void refusesToFormatANonNumber() {
        assertUnmappable("""
                {"sr": {"from": "/name", "transform": "number", "scale": 2}}""", "/name", "not a number");
    }

    @Test
    void concatenatesThePresentSourcesWithTheSeparator() {
        assertThat(map("""
                {"dz": {"transform": "concat", "sources": ["/address/province", "/address/city", "/address/town",
                        "/nickname", "/address/district"], "separator": " "},
                 "xmsf": {"transform": "concat", "sources": ["/name", "/members"]},
                 "none": {"transform": "concat", "sources": ["/nickname", "/missing"], "separator": "-"}}"""))
                .isEqualTo(json("""
                        {"dz": "Shandong Yantai Zhifu", "xmsf": "Li Mei3"}"""));
        assertUnmappable("""
                {"dz": {"transform": "concat", "sources": ["/name", "/address"]}}""", "/address", "concatenated");
    }

    @Test
    void writesConstantsWhateverTheRecordHolds() {
        assertThat(FieldMapping.parse(json("""
                {"sjly": {"transform": "constant", "value": "fillonce"},
                 "/meta/bb": {"transform": "constant", "value": 2}}""")).payloadFor(json("{}"), TABLES, NO_HASH))
                .isEqualTo(json("""
                        {"sjly": "fillonce", "meta": {"bb": 2}}"""));
    }

    @Test
    void fillsTheDefaultOnlyWhenTheSourceIsMissingOrNull() {
        JsonNode fields = json("""
                {"ch": {"from": "/nickname", "default": "none"},
                 "sj": {"from": "/phone", "transform": "mask", "default": "unknown"},
                 "xb": {"from": "/gender", "codeTable": "gender-civil", "default": "9"},
                 "csrq": {"from": "/deathDate", "transform": "date", "pattern": "yyyyMMdd", "default": ""},
                 "dz": {"transform": "concat", "sources": ["/nickname"], "default": "n/a"},
                 "rs": {"from": "/members", "transform": "number", "scale": 1, "default": 0}}""");

        assertThat(FieldMapping.parse(fields).payloadFor(resident, TABLES, NO_HASH).toString()).isEqualTo("""
                {"ch":"none","sj":"unknown","xb":"2","csrq":"","dz":"n/a","rs":3.0}""");
    }

    @Test
    void masksWithAConfigurablePrefixAndSuffix() {
        assertThat(map("""
                {"sfzh": {"from": "/idNumber", "transform": "mask", "keepPrefix": 4, "keepSuffix": 1}}"""))
                .isEqualTo(json("""
                        {"sfzh": "3706*************4"}"""));
    }

    @Test
    void hashesTheValueOrItsCodeWithTheHasherItIsGiven() {
        FieldHasher tagged = text -> "hash(" + text + ")";

        assertThat(FieldMapping.parse(json("""
                {"sfzh": {"from": "/idNumber", "transform": "hash"},
                 "xb": {"from": "/gender", "codeTable": "gender-civil", "transform": "hash"},
                 "rs": {"from": "/members", "transform": "hash"}}""")).payloadFor(resident, TABLES, tagged))
                .isEqualTo(json("""
                        {"sfzh": "hash(370602199001011234)", "xb": "hash(2)", "rs": "hash(3)"}"""));
    }

    @Test
    void refusesRulesItCannotRun() {
        assertInvalid("""
                {"d": {"from": "/birthDate", "transform": "date"}}""", "pattern");
        assertInvalid("""
                {"d": {"from": "/birthDate", "transform": "date", "pattern": "yyyy{MM"}}""", "yyyy{MM");
        assertInvalid("""
                {"d": {"from": "/birthDate", "transform": "date", "pattern": "yyyy", "zone": "Mars/Olympus"}}""", "Mars");
        assertInvalid("""
                {"n": {"from": "/income", "transform": "number"}}""", "scale");
        assertInvalid("""
                {"n": {"from": "/income", "transform": "number", "scale": 2, "rounding": "UNNECESSARY"}}""", "rounding");
        assertInvalid("""
                {"n": {"from": "/income", "transform": "number", "pattern": "#.#.#"}}""", "#.#.#");
        assertInvalid("""
                {"c": {"transform": "concat", "sources": []}}""", "sources");
        assertInvalid("""
                {"c": {"from": "/name", "transform": "constant", "value": "x"}}""", "constant");
        assertInvalid("""
                {"c": {"transform": "constant"}}""", "value");
    }

    private static final FieldHasher NO_HASH = text -> {
        throw new AssertionError("nothing is hashed here");
    };

    private JsonNode map(String fields) {
        return FieldMapping.parse(json(fields)).payloadFor(resident, TABLES, NO_HASH);
    }

    /** Unmappable, saying where and why, but never quoting a value of the record (reasons reach logs, receipts). */
    private void assertUnmappable(String fields, String... messageParts) {
        FieldMapping mapping = FieldMapping.parse(json(fields));
        assertThatThrownBy(() -> mapping.payloadFor(resident, TABLES, NO_HASH)).isInstanceOf(UnmappableRecord.class)
                .hasMessageContainingAll(messageParts)
                .hasMessageNotContainingAny("Li Mei", "1990-01-01", resident.path("idNumber").asString());
    }

    private static void assertInvalid(String fields, String messagePart) {
        assertThatThrownBy(() -> FieldMapping.parse(json(fields))).isInstanceOf(InvalidMapping.class)
                .hasMessageContaining(messagePart);
    }

    private static JsonNode json(String text) {
        return JSON.readTree(text);
    }
}
