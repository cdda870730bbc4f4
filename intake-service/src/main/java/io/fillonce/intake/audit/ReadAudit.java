package io.fillonce.intake.audit;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.fillonce.contracts.trust.AuditDigest;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;

/**
 * Every read of a record or its history at intake goes into the same tamper-evident audit chain as sync's deliveries
 * and reads: an event (contracts/schemas/audit-event.schema.json) on {@code fillonce.sync.audit}, which sync-service
 * chains. A read is answered only once Kafka has its event (acks=all); refused and not-found reads are audited too,
 * with their outcome. Of the data only the field names and the SHA-256 of the data handed out are kept.
 */
@Component
public class ReadAudit implements DisposableBean {

    public static final String RECORD_READ = "RECORD_READ";
    public static final String HISTORY_READ = "HISTORY_READ";
    public static final String NOT_FOUND = "NOT_FOUND";
    public static final String REFUSED = "REFUSED";

    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(15);

    private final KafkaProducer<String, byte[]> producer;
    private final JsonMapper json;
    private final String topic;
    private final Clock clock = Clock.systemUTC();

    ReadAudit(KafkaProperties kafka, KafkaConnectionDetails connection, JsonMapper json,
            @Value("${fillonce.intake.audit-topic:fillonce.sync.audit}") String topic) {
        Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, connection.getProducer().getBootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) ACK_TIMEOUT.toMillis());
        config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        this.json = json;
        this.topic = topic;
    }

    /** A read handed {@code actor} these versions' {@code data} (one for a record read, all for a history). */
    public void read(String actor, String action, String type, String entityKey, String recordId, int version,
            List<JsonNode> data) {
        Set<String> fields = new LinkedHashSet<>();
        data.forEach(each -> fields.addAll(AuditDigest.fieldsOf(each)));
        ArrayNode handedOut = json.createArrayNode();
        data.forEach(handedOut::add);
        ObjectNode recipient = json.createObjectNode();
        fields.forEach(recipient.putArray("fields")::add);
        recipient.put("payloadHash", AuditDigest.payloadHash(json.writeValueAsString(
                data.size() == 1 ? data.get(0) : handedOut)));
        ObjectNode event = event(actor, action, type, entityKey, recipient);
        event.put("recordId", recordId).put("version", version);
        send(type, entityKey, event);
    }

    /** A read that handed out nothing: {@link #NOT_FOUND}, or {@link #REFUSED} (answered the same to the caller). */
    public void attempt(String actor, String action, String type, String entityKey, String outcome) {
        ObjectNode recipient = json.createObjectNode();
        recipient.putArray("fields");
        ObjectNode event = event(actor, action, type, entityKey, recipient);
        event.put("version", 0).put("outcome", outcome);
        send(type, entityKey, event);
    }

    private ObjectNode event(String actor, String action, String type, String entityKey, ObjectNode recipient) {
        ObjectNode event = json.createObjectNode();
        event.put("time", clock.instant().toString()).put("actor", actor).put("action", action).put("type", type)
                .put("entityKey", entityKey).put("channel", "api");
        event.putArray("recipients").add(recipient);
        return event;
    }

    private void send(String type, String entityKey, ObjectNode event) {
        try {
            producer.send(new ProducerRecord<>(topic, type + "/" + entityKey, json.writeValueAsBytes(event)))
                    .get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (ExecutionException | TimeoutException | KafkaException e) {
            throw new AuditUnavailable(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuditUnavailable(e);
        }
    }

    @Override
    public void destroy() {
        producer.close(Duration.ofSeconds(5));
    }
}
