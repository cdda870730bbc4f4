package io.fillonce.intake.registry;

import io.fillonce.intake.Residents;
import io.fillonce.registryfeed.EntryKind;
import io.fillonce.registryfeed.RegistryEntry;
import io.fillonce.registryfeed.RegistryPosition;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

class RegistryEntriesTests {

    private final RegistryPosition feed = mock(RegistryPosition.class);

    private final RecordTypes types = new RecordTypes(feed);

    private final RegistryEntries entries = new RegistryEntries(types);

    @Test
    void compilesARecordTypeEntry() {
        apply(Residents.registryEntry());

        RecordType resident = types.find("resident").orElseThrow();
        assertThat(resident.version()).isEqualTo(1);
        assertThat(resident.entityKey()).containsExactly("idNumber");
        assertThat(resident.schema().validate(Residents.record("370602199001011234"))).isEmpty();
        assertThat(resident.schema().validate(Residents.record("not-an-id-number"))).isNotEmpty();
    }

    @Test
    void forgetsADeletedRecordType() {
        apply(Residents.registryEntry());

        entries.apply(RegistryEntry.deletion(EntryKind.RECORD_TYPE, "resident"));

        assertThat(types.find("resident")).isEmpty();
    }

    @Test
    void holdsRecordTypesOnly() {
        assertThat(entries.kinds()).containsExactly(EntryKind.RECORD_TYPE);
    }

    @Test
    void skipsAnUnreadableEntryAndKeepsThePreviousVersion() {
        apply(Residents.registryEntry());
        ObjectNode broken = (ObjectNode) Residents.registryEntry().path("value").deepCopy();
        broken.withObject("state").put("schema", "not a schema").put("version", 2);

        entries.apply(new RegistryEntry(EntryKind.RECORD_TYPE, "resident", broken));

        assertThat(types.find("resident")).hasValueSatisfying(type -> assertThat(type.version()).isEqualTo(1));
        assertThat(entries.sizes()).containsEntry("recordTypes", 1);
    }

    @Test
    void isCompleteOnceTheFeedCaughtUp() {
        assertThat(types.isCaughtUp()).isFalse();

        given(feed.isCaughtUp()).willReturn(true);

        assertThat(types.isCaughtUp()).isTrue();
    }

    private void apply(JsonNode example) {
        entries.apply(RegistryEntry.read(example.path("key").asString(), example.path("value").toString())
                .orElseThrow());
    }
}
