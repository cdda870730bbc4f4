package io.fillonce.registry.subscription;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

import io.fillonce.fieldrules.RuleDefinition;

class SubjectsTests {

    private static final List<String> KEY = List.of("idNumber");

    @Test
    void theKeyIsInClearOnlyWhenCopiedUnchangedAndNamedSensitive() {
        assertThat(Subjects.of(fields("sfzh", copy("/idNumber")), KEY, List.of("/idNumber"))).isEqualTo(Subjects.CLEAR);
        assertThat(Subjects.of(fields("sfzh", copy("/idNumber")), KEY, List.of("idNumber"))).isEqualTo(Subjects.CLEAR);
    }

    @Test
    void aSubscriptionThatDoesNotDiscloseTheKeySeesPseudonyms() {
        // maps no key at all
        assertThat(Subjects.of(fields("xm", copy("/name")), KEY, List.of())).isEqualTo(Subjects.PSEUDONYM);
        // maps it masked or hashed, even when listed
        assertThat(Subjects.of(fields("sfzh", transformed("/idNumber", "mask")), KEY, List.of("/idNumber")))
                .isEqualTo(Subjects.PSEUDONYM);
        assertThat(Subjects.of(fields("sfzh", transformed("/idNumber", "hash")), KEY, List.of("/idNumber")))
                .isEqualTo(Subjects.PSEUDONYM);
        // copies it but its legal basis does not name it
        assertThat(Subjects.of(fields("sfzh", copy("/idNumber")), KEY, List.of())).isEqualTo(Subjects.PSEUDONYM);
        // through a code table the value is not the key
        RuleDefinition crosswalk = new RuleDefinition("/idNumber", null, null, null, null, null, null, "ids", null,
                null, null, null, null);
        assertThat(Subjects.of(fields("sfzh", crosswalk), KEY, List.of("/idNumber"))).isEqualTo(Subjects.PSEUDONYM);
    }

    @Test
    void aCompositeKeyIsInClearOnlyWhenEveryPartIs() {
        List<String> key = List.of("regionCode", "householdNumber");
        Map<String, RuleDefinition> both = fields("qh", copy("/regionCode"));
        both.put("hh", copy("/householdNumber"));
        assertThat(Subjects.of(both, key, List.of("regionCode", "householdNumber"))).isEqualTo(Subjects.CLEAR);
        assertThat(Subjects.of(both, key, List.of("regionCode"))).isEqualTo(Subjects.PSEUDONYM);
        assertThat(Subjects.of(fields("qh", copy("/regionCode")), key, List.of("regionCode", "householdNumber")))
                .isEqualTo(Subjects.PSEUDONYM);
    }

    private static Map<String, RuleDefinition> fields(String target, RuleDefinition rule) {
        Map<String, RuleDefinition> fields = new LinkedHashMap<>();
        fields.put(target, rule);
        return fields;
    }

    private static RuleDefinition copy(String from) {
        return transformed(from, null);
    }

    private static RuleDefinition transformed(String from, String transform) {
        return new RuleDefinition(from, null, null, null, transform, null, null, null, null, null, null, null, null);
    }
}
