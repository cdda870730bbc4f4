package io.fillonce.intake.form;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import io.fillonce.contracts.trust.RegistrySignature;
import io.fillonce.contracts.trust.TestRegistryKeys;
import io.fillonce.intake.IntakeClient;
import io.fillonce.intake.registry.RecordSchemas;
import io.fillonce.intake.registry.RecordType;
import io.fillonce.registryfeed.RegistryTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import static org.awaitility.Awaitility.await;

/**
 * Object Mother for the record type {@code allowance} ({@code forms/record-type-allowance.json}): a schema with
 * x-l10n titles in Chinese, a nested object, a list of objects, a long enum, a date, an integer and a number field,
 * and 15- or 18-digit ID numbers (a 15-digit one survives being typed as a number in a spreadsheet).
 */
public final class Allowances {

    public static final String TYPE = "allowance";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Allowances() {
    }

    /** The record type's registry state. */
    public static JsonNode state() {
        try (InputStream in = Allowances.class.getResourceAsStream("/forms/record-type-allowance.json")) {
            return JSON.readTree(in);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode schema() {
        return state().path("schema");
    }

    public static RecordType type() {
        JsonNode state = state();
        List<String> entityKey = new ArrayList<>();
        state.path("entityKey").forEach(field -> entityKey.add(field.asString()));
        return new RecordType(TYPE, state.path("version").asInt(), entityKey, RecordSchemas.compile(schema()));
    }

    /** The type as a signed fillonce.registry message, as registry-service publishes it. */
    public static ProducerRecord<String, String> registryMessage() {
        ObjectNode value = JsonNodeFactory.instance.objectNode();
        value.put("kind", "record-type").put("id", TYPE).put("revision", 1).put("updatedAt", "2026-12-07T08:00:00Z");
        value.set("state", state());
        String key = "record-type/" + TYPE;
        ProducerRecord<String, String> message = new ProducerRecord<>(RegistryTopic.NAME, key, value.toString());
        message.headers().add(RegistrySignature.HEADER, TestRegistryKeys.SIGNER.sign(key, value.toString()));
        return message;
    }

    /**
     * Publishes the type on the registry topic of {@code brokers} and waits until the service's registry view has
     * it (its form answers), as a type registered while the service runs.
     */
    public static void register(String brokers, IntakeClient intake) {
        Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        try (Producer<String, String> producer = new KafkaProducer<>(props)) {
            producer.send(registryMessage()).get();
        }
        catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        await().alias("the registry view to have " + TYPE).atMost(Duration.ofSeconds(30))
                .until(() -> intake.send("GET", "/api/forms/" + TYPE, null, null).statusCode() == 200);
    }

    /** A valid application of the person with this ID number. */
    public static ObjectNode record(String idNumber) {
        ObjectNode record = JsonNodeFactory.instance.objectNode();
        record.put("idNumber", idNumber).put("name", "王芳").put("gender", "F").put("district", "370602")
                .put("birthDate", "1990-01-01").put("householdSize", 3).put("monthlyIncome", 1250.5);
        record.putObject("address").put("street", "海港路12号").put("community", "海港");
        return record;
    }
}
