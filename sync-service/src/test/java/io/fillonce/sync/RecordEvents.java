package io.fillonce.sync;

import java.nio.charset.StandardCharsets;

import io.fillonce.contracts.Contracts;
import org.apache.kafka.clients.producer.ProducerRecord;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Object Mother for fillonce.records messages: the contract example with another entity, version and data. */
final class RecordEvents {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private RecordEvents() {
    }

    /** A record event of any type with the given data (JSON object text). */
    static ProducerRecord<String, byte[]> record(String type, String entityKey, int version, String data) {
        ObjectNode event = (ObjectNode) Contracts.example("records/resident-upserted.json").deepCopy();
        String recordId = "rec-" + entityKey;
        String subject = type + "/" + entityKey;
        ((ObjectNode) event.get("headers")).put("ce_id", recordId + ":" + version).put("ce_subject", subject)
                .put("ce_entityversion", String.valueOf(version)).put("ce_recordtype", type);
        ObjectNode value = (ObjectNode) event.get("value");
        value.put("type", type).put("recordId", recordId).put("entityKey", entityKey).put("version", version);
        value.set("data", JSON.readTree(data));
        var record = new ProducerRecord<>(Topics.RECORDS, subject, JSON.writeValueAsBytes(value));
        event.get("headers").properties().forEach(h -> record.headers().add(h.getKey(),
                h.getValue().stringValue().getBytes(StandardCharsets.UTF_8)));
        return record;
    }

    /**
     * A resident record event; every field no test subscription maps carries a canary value. Its record id is made
     * from the ID number, for readable assertions (intake's are random).
     */
    static ProducerRecord<String, byte[]> resident(String idNumber, int version, String region) {
        return resident(idNumber, version, region, "rec-" + idNumber);
    }

    /** The erased last version of a resident, as intake publishes it: channel erase, no data, the erasure. */
    static ProducerRecord<String, byte[]> erased(String idNumber, int version) {
        ObjectNode event = (ObjectNode) Contracts.example("records/resident-upserted.json").deepCopy();
        String subject = "resident/" + idNumber;
        String recordId = "rec-" + idNumber;
        ((ObjectNode) event.get("headers")).put("ce_id", recordId + ":" + version).put("ce_subject", subject)
                .put("ce_entityversion", String.valueOf(version));
        ObjectNode value = (ObjectNode) event.get("value");
        value.put("recordId", recordId).put("entityKey", idNumber).put("version", version).put("channel", "erase")
                .put("submittedBy", "admin:dpo").putObject("data");
        value.putObject("erasure").put("reason", "the resident asked").put("legalBasis", "PIPL art. 47")
                .put("by", "admin:dpo").put("at", "2026-12-07T09:00:00Z");
        var record = new ProducerRecord<>(Topics.RECORDS, subject, JSON.writeValueAsBytes(value));
        event.get("headers").properties().forEach(h -> record.headers().add(h.getKey(),
                h.getValue().stringValue().getBytes(StandardCharsets.UTF_8)));
        return record;
    }

    /** {@link #resident(String, int, String)} submitted by {@code principal}. */
    static ProducerRecord<String, byte[]> residentBy(String principal, String idNumber, int version, String region) {
        ProducerRecord<String, byte[]> record = resident(idNumber, version, region);
        ObjectNode value = (ObjectNode) JSON.readTree(record.value());
        value.put("submittedBy", principal);
        return new ProducerRecord<>(record.topic(), null, record.key(), JSON.writeValueAsBytes(value),
                record.headers());
    }

    /** {@link #resident(String, int, String)} with the record id intake gave it. */
    static ProducerRecord<String, byte[]> resident(String idNumber, int version, String region, String recordId) {
        ObjectNode event = (ObjectNode) Contracts.example("records/resident-upserted.json").deepCopy();
        String subject = "resident/" + idNumber;
        ((ObjectNode) event.get("headers")).put("ce_id", recordId + ":" + version).put("ce_subject", subject)
                .put("ce_entityversion", String.valueOf(version));
        ObjectNode value = (ObjectNode) event.get("value");
        value.put("recordId", recordId).put("entityKey", idNumber).put("version", version);
        ObjectNode data = (ObjectNode) value.get("data");
        data.put("idNumber", idNumber).put("regionCode", region).put("gender", "CANARY-GENDER")
                .put("name", "Li Mei").put("phone", "13800001234").put("note", "CANARY-NOTE");
        data.putObject("address").put("line", "CANARY-ADDRESS");
        var record = new ProducerRecord<>(Topics.RECORDS, subject, JSON.writeValueAsBytes(value));
        event.get("headers").properties().forEach(h -> record.headers().add(h.getKey(),
                h.getValue().stringValue().getBytes(StandardCharsets.UTF_8)));
        return record;
    }
}
