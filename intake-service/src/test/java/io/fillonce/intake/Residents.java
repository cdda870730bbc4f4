package io.fillonce.intake;

import java.util.ArrayList;
import java.util.List;

import io.fillonce.contracts.Contracts;
import io.fillonce.contracts.trust.RegistrySignature;
import io.fillonce.contracts.trust.TestRegistryKeys;
import io.fillonce.identity.VerifiedCaller;
import io.fillonce.intake.registry.RecordSchemas;
import io.fillonce.intake.registry.RecordType;
import org.apache.kafka.clients.producer.ProducerRecord;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Object Mother for the contract's {@code resident} record type and records of it. */
public final class Residents {

    public static final String TYPE = "resident";

    private Residents() {
    }

    /** The registry entry from {@code contracts/examples/registry/record-type-resident.json}. */
    public static JsonNode registryEntry() {
        return Contracts.example("registry/record-type-resident.json");
    }

    /** {@link #registryEntry()} as a fillonce.registry message, signed as registry-service signs it. */
    public static ProducerRecord<String, String> registryMessage() {
        JsonNode example = registryEntry();
        String key = example.path("key").asString();
        String value = example.path("value").toString();
        ProducerRecord<String, String> message = new ProducerRecord<>(example.path("topic").asString(), key, value);
        message.headers().add(RegistrySignature.HEADER, TestRegistryKeys.SIGNER.sign(key, value));
        return message;
    }

    /** The resident type as the registry view compiles it. */
    public static RecordType type() {
        JsonNode state = registryEntry().path("value").path("state");
        List<String> entityKey = new ArrayList<>();
        state.path("entityKey").forEach(field -> entityKey.add(field.asString()));
        return new RecordType(TYPE, state.path("version").asInt(), entityKey,
                RecordSchemas.compile(state.path("schema")), state.path("regionField").asString(),
                state.path("crossRegionCorrection").asBoolean());
    }

    /** The cadre of the contract's examples, of region 370602 (where the example resident lives). */
    public static VerifiedCaller cadre() {
        return new VerifiedCaller("cadre:c-0001", "CADRE", null, "370602");
    }

    /** The record from {@code contracts/examples/records/resident-upserted.json}, for another person. */
    public static ObjectNode record(String idNumber) {
        ObjectNode data = (ObjectNode) Contracts.example("records/resident-upserted.json").path("value").path("data")
                .deepCopy();
        data.put("idNumber", idNumber);
        return data;
    }
}
