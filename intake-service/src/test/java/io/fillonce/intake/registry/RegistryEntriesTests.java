package io.fillonce.intake.registry;

import io.fillonce.contracts.Contracts;
import io.fillonce.intake.Residents;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

class RegistryEntriesTests {

    private final RecordTypes types = new RecordTypes();

    private final RegistryEntries entries = new RegistryEntries(types, JsonMapper.builder().build());

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

        entries.apply("record-type/resident", null);

        assertThat(types.find("resident")).isEmpty();
    }

    @Test
    void ignoresOtherKindsOfEntry() {
        apply(Contracts.example("registry/department-civil-affairs.json"));
        apply(Contracts.example("registry/principal-cadre.json"));

        assertThat(types.size()).isZero();
    }

    @Test
    void skipsAnUnreadableEntryAndKeepsThePreviousVersion() {
        apply(Residents.registryEntry());
        ObjectNode broken = (ObjectNode) Residents.registryEntry().path("value").deepCopy();
        broken.withObject("state").put("schema", "not a schema").put("version", 2);

        entries.apply("record-type/resident", broken.toString());
        entries.apply("record-type/resident", "{not json");

        assertThat(types.find("resident")).hasValueSatisfying(type -> assertThat(type.version()).isEqualTo(1));
    }

    @Test
    void reportsReadyOnlyOnceCaughtUp() {
        RegistryViewHealthIndicator health = new RegistryViewHealthIndicator(types);
        assertThat(health.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);

        types.markCaughtUp();

        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
    }

    private void apply(JsonNode example) {
        entries.apply(example.path("key").asString(), example.path("value").toString());
    }
}
