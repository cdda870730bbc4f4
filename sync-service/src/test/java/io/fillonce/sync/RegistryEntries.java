package io.fillonce.sync;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.stream.Collectors;

import io.fillonce.contracts.Contracts;
import io.fillonce.contracts.trust.RegistrySignature;
import io.fillonce.contracts.trust.SealedSecrets;
import io.fillonce.contracts.trust.TestRegistryKeys;
import io.fillonce.registryfeed.RegistryEntry;
import io.fillonce.registryfeed.RegistryTopic;
import org.apache.kafka.clients.producer.ProducerRecord;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Object Mother for fillonce.registry records: the contract examples plus a second department. */
public final class RegistryEntries {

    public static final String CIVIL_AFFAIRS = "civil-affairs";
    public static final String HEALTH = "health";

    private RegistryEntries() {
    }

    /** The webhook sealing of the tests' configuration (src/test/resources/config/application.yml). */
    public static final SealedSecrets SEALING = TestRegistryKeys.SEALING;

    /** One registry record: key {@code <kind>/<id>} and the JSON value. */
    public record Entry(String key, String value) {

        /**
         * This subscription entry at a later revision with the registry's {@code status} (ACTIVE, SUSPENDED, ENDED)
         * since {@code since}, as registry-service publishes a suspension, resumption or end.
         */
        public Entry inStatus(String status, Instant since, int revision) {
            ObjectNode entry = (ObjectNode) JsonMapper.shared().readTree(value);
            entry.put("revision", revision);
            entry.withObject("/state").put("status", status).put("statusSince", since.toString());
            return new Entry(key, entry.toString());
        }

        /** This subscription entry changed by registry-service: {@code fields} (JSON) at {@code version}. */
        public Entry changed(String fields, int version, int revision) {
            ObjectNode entry = (ObjectNode) JsonMapper.shared().readTree(value);
            entry.put("revision", revision);
            entry.withObject("/state").put("version", version).set("fields", JsonMapper.shared().readTree(fields));
            return new Entry(key, entry.toString());
        }

        /** This subscription entry changed at {@code version} by a change that asked for a re-sync under it. */
        public Entry changedWithResync(String fields, int version, int revision) {
            Entry changed = changed(fields, version, revision);
            ObjectNode entry = (ObjectNode) JsonMapper.shared().readTree(changed.value());
            entry.withObject("/state").put("resyncVersion", version);
            return new Entry(key, entry.toString());
        }

        /** This entry as the registry feed hands it to a view. */
        public RegistryEntry entry() {
            return RegistryEntry.read(key, value).orElseThrow();
        }

        /** This entry as registry-service publishes it: on fillonce.registry, signed. */
        public ProducerRecord<String, byte[]> message() {
            ProducerRecord<String, byte[]> message = new ProducerRecord<>(RegistryTopic.NAME, key,
                    value.getBytes(StandardCharsets.UTF_8));
            message.headers().add(RegistrySignature.HEADER, TestRegistryKeys.SIGNER.sign(key, value));
            return message;
        }
    }

    /** A department entry's {@code webhook} object as registry-service publishes it: secrets sealed for sync. */
    public static String webhook(String code, String url, String... secrets) {
        String sealed = Arrays.stream(secrets).map(secret -> '"' + SEALING.seal(secret, code) + '"')
                .collect(Collectors.joining(", "));
        return "{\"url\": \"%s\", \"sealedSecrets\": [%s], \"active\": true}".formatted(url, sealed);
    }

    /** The contract examples that let civil affairs receive residents. */
    public static Entry[] civilAffairs() {
        return new Entry[] {example("registry/department-civil-affairs.json"),
                example("registry/code-table-gender-civil.json"),
                example("registry/subscription-civil-affairs-resident.json")};
    }

    /** Health receives name and a masked phone number of every resident, by topic. */
    public static Entry[] health() {
        return new Entry[] {department(HEALTH), subscription("sub-health-resident", HEALTH, "resident", """
                {"name": {"from": "/name"},
                 "phone": {"from": "/phone", "transform": "mask", "keepPrefix": 3, "keepSuffix": 4}}""",
                "null", "[\"topic\"]")};
    }

    public static Entry example(String path) {
        JsonNode example = Contracts.example(path);
        return new Entry(example.get("key").stringValue(), example.get("value").toString());
    }

    public static Entry department(String code) {
        return new Entry("department/" + code, """
                {"kind": "department", "id": "%s", "revision": 1, "updatedAt": "2026-11-27T08:00:02Z",
                 "state": {"code": "%s", "name": "Department %s", "webhook": null}}""".formatted(code, code, code));
    }

    /** A subscription whose department sees entities under its pseudonyms (registry's default). */
    public static Entry subscription(String id, String department, String recordType, String fields, String filter,
            String channels) {
        return subscription(id, department, recordType, fields, filter, channels, "PSEUDONYM");
    }

    /** {@code subjects}: CLEAR when registry found the subscription discloses the entity key, else PSEUDONYM. */
    public static Entry subscription(String id, String department, String recordType, String fields, String filter,
            String channels, String subjects) {
        return new Entry("subscription/" + id, """
                {"kind": "subscription", "id": "%s", "revision": 1, "updatedAt": "2026-11-27T08:00:03Z",
                 "state": {"id": "%s", "department": "%s", "recordType": "%s", "purpose": "purpose of %s",
                           "legalBasis": "legal basis of %s", "fields": %s, "filter": %s, "channels": %s,
                           "subjects": "%s"}}"""
                .formatted(id, id, department, recordType, id, id, fields, filter, channels, subjects));
    }
}
