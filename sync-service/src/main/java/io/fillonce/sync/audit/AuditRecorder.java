package io.fillonce.sync.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.fillonce.sync.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;

/**
 * Audits reads and webhook confirmations: puts their events on fillonce.sync.audit and returns once Kafka has
 * them (acks=all), so a read is answered only after its audit is durable; {@link AuditWriter} chains them.
 */
@Component
public class AuditRecorder implements DisposableBean {

    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(15);

    private final KafkaProducer<String, byte[]> producer;
    private final JsonMapper json;

    AuditRecorder(KafkaProperties kafka, KafkaConnectionDetails connection, JsonMapper json) {
        Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, connection.getProducer().getBootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        this.json = json;
    }

    /** @throws AuditUnavailable when Kafka did not take every event in time */
    public void record(List<AuditEvent> events) {
        List<Future<RecordMetadata>> sent = events.stream().map(event -> producer.send(new ProducerRecord<>(
                Topics.AUDIT, event.subject(), json.writeValueAsBytes(event)))).toList();
        try {
            for (Future<RecordMetadata> ack : sent) {
                ack.get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
        catch (ExecutionException | TimeoutException e) {
            throw new AuditUnavailable(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuditUnavailable(e);
        }
    }

    /**
     * Audits a read of an entity's receipts: who read them, and {@code outcome} ({@link AuditEvent#NOT_FOUND},
     * {@link AuditEvent#REFUSED}) when nothing was handed out, null when they were. Receipts name departments and
     * versions, no data fields.
     */
    public void receiptsRead(String actor, String type, String entityKey, String outcome) {
        record(List.of(AuditEvent.attempt(Instant.now(), actor, AuditAction.RECEIPTS_READ, null, type, entityKey,
                "receipts", outcome)));
    }

    /** A data subject's access report made (or refused: {@code outcome}); it names no fields. */
    public void reportRead(String actor, String type, String entityKey, String outcome) {
        record(List.of(AuditEvent.attempt(Instant.now(), actor, AuditAction.REPORT_READ, null, type, entityKey,
                "report", outcome)));
    }

    @Override
    public void destroy() {
        producer.close(Duration.ofSeconds(5));
    }
}
