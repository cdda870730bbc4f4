package io.fillonce.intake.record;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class FieldChangesTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void namesAddedRemovedAndChangedFieldsAsJsonPointers() {
        FieldChanges changes = FieldChanges.between(
                JSON.readTree("{\"name\":\"A\",\"phone\":\"1\",\"address\":{\"line\":\"x\",\"zip\":\"1\"},\"tags\":[1]}"),
                JSON.readTree("{\"name\":\"B\",\"address\":{\"line\":\"x\",\"a/b\":2},\"tags\":[1,2],\"gender\":\"F\"}"));

        assertThat(changes.added()).containsExactlyInAnyOrder("/address/a~1b", "/gender");
        assertThat(changes.removed()).containsExactlyInAnyOrder("/phone", "/address/zip");
        assertThat(changes.changed()).containsExactlyInAnyOrder("/name", "/tags");
    }

    @Test
    void reportsEveryTopLevelFieldAsAddedForTheFirstVersion() {
        FieldChanges changes = FieldChanges.between(JSON.createObjectNode(), JSON.readTree("{\"a\":{\"b\":1},\"c\":2}"));

        assertThat(changes.added()).containsExactly("/a", "/c");
        assertThat(changes.removed()).isEmpty();
        assertThat(changes.changed()).isEmpty();
    }
}
