package io.fillonce.fieldrules;

import java.util.Map;
import java.util.Optional;

import io.fillonce.contracts.Contracts;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FieldMappingTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final CodeTables GENDER_CIVIL =
            name -> Optional.of(new CodeTable("gender-civil", Map.of("F", "2", "M", "1"))).filter(t -> t.name().equals(name));

    private static final FieldHasher NO_HASH = text -> {
        throw new AssertionError("nothing is hashed here");
    };

    private final JsonNode resident = json("""
            {"idNumber": "370602199001011234", "name": "Li Mei", "gender": "F", "phone": "13800001234",
             "regionCode": "370602", "age": 36, "address": {"line": "12 Haigang Rd", "community": "Haigang"}}""");

    @Test
    void buildsTheContractExamplePayloadFromTheContractSubscription() {
        JsonNode subscription = Contracts.example("registry/subscription-civil-affairs-resident.json").at("/value/state");
        JsonNode record = Contracts.example("records/resident-upserted.json").at("/value/data");

        JsonNode payload = FieldMapping.parse(subscription.get("fields")).payloadFor(record, GENDER_CIVIL, NO_HASH);

        assertThat(payload).isEqualTo(Contracts.example("departments/civil-affairs-resident.json").get("value"));
    }

    @Test
    void renamesTopLevelFields() {
        assertThat(map("""
                {"xm": {"from": "/name"}, "dq": {"from": "/regionCode"}}"""))
                .isEqualTo(json("""
                        {"xm": "Li Mei", "dq": "370602"}"""));
    }

    @Test
    void buildsNestedObjectsForPointerTargets() {
        assertThat(map("""
                {"/jzxx/dz": {"from": "/address/line"}, "/jzxx/sq": {"from": "/address/community"},
                 "/a~1b/c": {"from": "/name"}}"""))
                .isEqualTo(json("""
                        {"jzxx": {"dz": "12 Haigang Rd", "sq": "Haigang"}, "a/b": {"c": "Li Mei"}}"""));
    }

    @Test
    void copiesNumbersAndWholeObjectsAsTheyAre() {
        assertThat(map("""
                {"nl": {"from": "/age"}, "dz": {"from": "/address"}}"""))
                .isEqualTo(json("""
                        {"nl": 36, "dz": {"line": "12 Haigang Rd", "community": "Haigang"}}"""));
    }

    @Test
    void masksKeepingSixLeadingAndTwoTrailingCharactersByDefault() {
        assertThat(map("""
                {"sfzh": {"from": "/idNumber", "transform": "mask"}}""").get("sfzh").stringValue())
                .isEqualTo("370602**********34");
    }

    @Test
    void masksWithTheKeptPrefixAndSuffixTheRuleAsksFor() {
        assertThat(map("""
                {"sj": {"from": "/phone", "transform": "mask", "keepPrefix": 3, "keepSuffix": 4},
                 "nl": {"from": "/age", "transform": "mask", "keepPrefix": 0, "keepSuffix": 1},
                 "xm": {"from": "/name", "transform": "mask", "keepPrefix": 0, "keepSuffix": 0}}"""))
                .isEqualTo(json("""
                        {"sj": "138****1234", "nl": "*6", "xm": "******"}"""));
    }

    @Test
    void masksEverythingWhenTheValueIsNotLongerThanTheKeptParts() {
        assertThat(new Mask(6, 2).apply("12345678")).isEqualTo("********");
        assertThat(new Mask(6, 2).apply("123456789")).isEqualTo("123456*89");
        assertThat(new Mask(1, 1).apply("")).isEmpty();
    }

    @Test
    void masksCharactersNotBytes() {
        assertThat(new Mask(1, 0).apply("李美丽")).isEqualTo("李**");
        assertThat(new Mask(1, 1).apply("a😀😀b")).isEqualTo("a**b");
    }

    @Test
    void translatesCodesThroughTheCodeTableBeforeMasking() {
        assertThat(map("""
                {"xb": {"from": "/gender", "codeTable": "gender-civil"},
                 "xb2": {"from": "/gender", "codeTable": "gender-civil", "transform": "mask", "keepPrefix": 0}}"""))
                .isEqualTo(json("""
                        {"xb": "2", "xb2": "*"}"""));
    }

    @Test
    void refusesACodeMissingFromTheCodeTable() {
        FieldMapping mapping = FieldMapping.parse(json("""
                {"xb": {"from": "/gender", "codeTable": "gender-civil"}}"""));

        assertThatThrownBy(() -> mapping.payloadFor(json("""
                {"gender": "X"}"""), GENDER_CIVIL, NO_HASH))
                .isInstanceOf(UnmappableRecord.class)
                .hasMessageContaining("/gender").hasMessageContaining("gender-civil").hasMessageNotContaining("X'");
    }

    @Test
    void refusesACodeTableThatIsNotRegistered() {
        FieldMapping mapping = FieldMapping.parse(json("""
                {"xb": {"from": "/gender", "codeTable": "gender-health"}}"""));

        assertThatThrownBy(() -> mapping.payloadFor(resident, GENDER_CIVIL, NO_HASH))
                .isInstanceOf(UnmappableRecord.class).hasMessageContaining("gender-health");
    }

    @Test
    void refusesToMaskOrTranslateAnObject() {
        FieldMapping mapping = FieldMapping.parse(json("""
                {"dz": {"from": "/address", "transform": "mask"}}"""));

        assertThatThrownBy(() -> mapping.payloadFor(resident, GENDER_CIVIL, NO_HASH))
                .isInstanceOf(UnmappableRecord.class);
    }

    @Test
    void omitsTargetsWhoseSourceValueIsMissingOrNull() {
        JsonNode record = json("""
                {"name": "Li Mei", "phone": null, "address": {}}""");
        FieldMapping mapping = FieldMapping.parse(json("""
                {"xm": {"from": "/name"}, "sj": {"from": "/phone", "transform": "mask"},
                 "xb": {"from": "/gender", "codeTable": "gender-civil"}, "/jzxx/dz": {"from": "/address/line"}}"""));

        assertThat(mapping.payloadFor(record, GENDER_CIVIL, NO_HASH)).isEqualTo(json("""
                {"xm": "Li Mei"}"""));
    }

    @Test
    void letsNothingUnmappedLeave() {
        JsonNode record = json("""
                {"idNumber": "370602199001011234", "name": "Li Mei", "gender": "F",
                 "phone": "CANARY-PHONE-1", "regionCode": "CANARY-REGION-2",
                 "address": {"line": "12 Haigang Rd", "community": "CANARY-COMMUNITY-3", "geo": {"lat": "CANARY-LAT-4"}},
                 "income": {"monthly": "CANARY-INCOME-5"}, "tags": ["CANARY-TAG-6"], "CANARY-KEY-7": true}""");
        JsonNode subscription = Contracts.example("registry/subscription-civil-affairs-resident.json").at("/value/state");

        String payload = FieldMapping.parse(subscription.get("fields")).payloadFor(record, GENDER_CIVIL, NO_HASH)
                .toString();

        assertThat(payload).doesNotContain("CANARY").contains("Li Mei", "12 Haigang Rd", "370602**********34");
    }

    @Test
    void refusesMappingsItCannotRun() {
        assertThatThrownBy(() -> FieldMapping.parse(json("{}"))).isInstanceOf(InvalidMapping.class);
        assertThatThrownBy(() -> FieldMapping.parse(json("""
                {"jzxx": {"from": "/a"}, "/jzxx/dz": {"from": "/b"}}""")))
                .isInstanceOf(InvalidMapping.class).hasMessageContaining("collides");
        assertThatThrownBy(() -> FieldMapping.parse(json("""
                {"xm": {"from": "name"}}"""))).isInstanceOf(InvalidMapping.class)
                .hasMessageContaining("/fields/xm/from");
        assertThatThrownBy(() -> FieldMapping.parse(json("""
                {"xm": {"from": "/name", "transform": "upper"}}"""))).isInstanceOf(InvalidMapping.class)
                .hasMessageContaining("upper");
        assertThatThrownBy(() -> FieldMapping.parse(json("""
                {"xm": {"from": "/name", "keepPrefix": -1, "transform": "mask"}}"""))).isInstanceOf(InvalidMapping.class);
        assertThatThrownBy(() -> FieldMapping.parse(json("""
                {"xm": {"from": "/name", "rename": "x"}}"""))).isInstanceOf(InvalidMapping.class)
                .hasMessageContaining("rename");
    }

    private JsonNode map(String fields) {
        return FieldMapping.parse(json(fields)).payloadFor(resident, GENDER_CIVIL, NO_HASH);
    }

    private static JsonNode json(String text) {
        return JSON.readTree(text);
    }
}
