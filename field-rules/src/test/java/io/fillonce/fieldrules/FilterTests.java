package io.fillonce.fieldrules;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.NullNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FilterTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JsonNode record = json("""
            {"regionCode": "370602", "age": 36, "gender": "F", "disabled": false, "phone": null,
             "address": {"line": "12 Haigang Rd"}, "code": 370602}""");

    @Test
    void matchesEverythingWithoutAFilter() {
        assertThat(Filter.parse(null).matches(record)).isTrue();
        assertThat(Filter.parse(NullNode.getInstance()).matches(record)).isTrue();
    }

    @Test
    void equalsComparesJsonValues() {
        assertThat(matches("""
                {"field": "/gender", "equals": "F"}""")).isTrue();
        assertThat(matches("""
                {"field": "/gender", "equals": "M"}""")).isFalse();
        assertThat(matches("""
                {"field": "/age", "equals": 36.0}""")).isTrue();
        assertThat(matches("""
                {"field": "/age", "equals": "36"}""")).isFalse();
        assertThat(matches("""
                {"field": "/disabled", "equals": false}""")).isTrue();
        assertThat(matches("""
                {"field": "/address", "equals": {"line": "12 Haigang Rd"}}""")).isTrue();
        assertThat(matches("""
                {"field": "/missing", "equals": null}""")).isTrue();
        assertThat(matches("""
                {"field": "/missing", "equals": "F"}""")).isFalse();
    }

    @Test
    void inMatchesAnyOfTheValues() {
        assertThat(matches("""
                {"field": "/gender", "in": ["M", "F"]}""")).isTrue();
        assertThat(matches("""
                {"field": "/gender", "in": ["M"]}""")).isFalse();
        assertThat(matches("""
                {"field": "/age", "in": [35, 36]}""")).isTrue();
        assertThat(matches("""
                {"field": "/missing", "in": ["F"]}""")).isFalse();
    }

    @Test
    void startsWithLooksAtTheValueAsText() {
        assertThat(matches("""
                {"field": "/regionCode", "startsWith": "3706"}""")).isTrue();
        assertThat(matches("""
                {"field": "/regionCode", "startsWith": "3710"}""")).isFalse();
        assertThat(matches("""
                {"field": "/code", "startsWith": "3706"}""")).isTrue();
        assertThat(matches("""
                {"field": "/address", "startsWith": "{"}""")).isFalse();
        assertThat(matches("""
                {"field": "/missing", "startsWith": ""}""")).isFalse();
    }

    @Test
    void existsTreatsNullAsAbsent() {
        assertThat(matches("""
                {"field": "/address/line", "exists": true}""")).isTrue();
        assertThat(matches("""
                {"field": "/phone", "exists": true}""")).isFalse();
        assertThat(matches("""
                {"field": "/phone", "exists": false}""")).isTrue();
        assertThat(matches("""
                {"field": "/disabled", "exists": true}""")).isTrue();
    }

    @Test
    void allNeedsEveryFilterAndAnyNeedsOne() {
        String yes = """
                {"field": "/gender", "equals": "F"}""";
        String no = """
                {"field": "/gender", "equals": "M"}""";
        assertThat(matches("{\"all\": [" + yes + ", " + yes + "]}")).isTrue();
        assertThat(matches("{\"all\": [" + yes + ", " + no + "]}")).isFalse();
        assertThat(matches("{\"any\": [" + no + ", " + yes + "]}")).isTrue();
        assertThat(matches("{\"any\": [" + no + ", " + no + "]}")).isFalse();
        assertThat(matches("{\"all\": [{\"any\": [" + no + ", " + yes + "]}, " + yes + "]}")).isTrue();
    }

    @Test
    void namesTheFieldsItTests() {
        assertThat(Filter.parse(json("""
                {"any": [{"field": "/regionCode", "startsWith": "3706"},
                         {"all": [{"field": "/address/line", "exists": true},
                                  {"field": "/a~1b", "in": [1]}]}]}""")).fields())
                .containsExactly("/regionCode", "/address/line", "/a~1b");
        assertThat(Filter.EVERYTHING.fields()).isEmpty();
    }

    @Test
    void refusesFiltersItCannotRead() {
        for (String invalid : new String[] {"{}", "[]", """
                {"field": "/gender"}""", """
                {"field": "/gender", "equals": "F", "in": ["F"]}""", """
                {"field": "gender", "equals": "F"}""", """
                {"field": "/gender", "matches": "F"}""", """
                {"field": "/gender", "startsWith": 3}""", """
                {"field": "/gender", "exists": "yes"}""", """
                {"all": {"field": "/gender", "equals": "F"}}""", """
                {"any": [{"field": "/gender"}]}""", """
                {"any": []}""", """
                {"all": [], "any": [{"field": "/gender", "exists": true}]}"""}) {
            assertThatThrownBy(() -> Filter.parse(json(invalid))).as(invalid).isInstanceOf(InvalidMapping.class);
        }
    }

    private boolean matches(String filter) {
        return Filter.parse(json(filter)).matches(record);
    }

    private static JsonNode json(String text) {
        return JSON.readTree(text);
    }
}
