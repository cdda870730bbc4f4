package io.fillonce.sync.kit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.fillonce.sync.Topics;
import io.fillonce.sync.fanout.DepartmentRecord;
import io.fillonce.sync.registry.Department;
import io.fillonce.sync.registry.RegistryView;
import io.fillonce.sync.system.Unavailable;
import io.fillonce.web.NotFound;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;

/**
 * A test message a department asks for: a CloudEvent of type {@value DepartmentRecord#TEST_EVENT} on its topic,
 * written in a Kafka transaction so that its read_committed consumers see it, which its feed then serves and its
 * webhook worker posts signed like any message (when it has a webhook and a subscription delivering by webhook). It
 * carries no personal data and is about no entity and no subscription: the feed and the webhook worker neither
 * audit it nor count it as a delivery, nor keep receipts of it. The transactional id lies under the fan-out's
 * prefix, which the broker's ACLs grant sync-service ({@code fillonce-sync-fanout-}), one per instance.
 */
@Component
class TestEvents implements DisposableBean {

    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(15);

    private final Map<String, Object> config;
    private final RegistryView registry;
    private final KitSettings settings;
    private final JsonMapper json;
    private KafkaProducer<String, byte[]> producer;

    TestEvents(KafkaProperties kafka, KafkaConnectionDetails connection, RegistryView registry, KitSettings settings,
            JsonMapper json) {
        this.config = new HashMap<>(kafka.buildProducerProperties());
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, connection.getProducer().getBootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "fillonce-sync-fanout-kit-test-" + UUID.randomUUID());
        this.registry = registry;
        this.settings = settings;
        this.json = json;
    }

    /** What was sent where. */
    record Sent(String id, String type, String subject, String time, List<Channel> channels) {
    }

    /** One channel the test message goes out by, and where. */
    record Channel(String channel, String where, String note) {
    }

    /**
     * {@code requestedBy}: who asked, as the department may read it ("the department", "an administrator"; never a
     * principal id). @throws NotFound when the department is unknown here; Unavailable when Kafka did not take it
     */
    Sent send(String code, String requestedBy) {
        Department department = registry.department(code).orElseThrow(() -> new NotFound("There is no department "
                + code + " (a new one is known here within a second or two of its registration)."));
        String id = "test-" + UUID.randomUUID();
        String subject = "test/" + id.substring("test-".length());
        String time = Instant.now().toString();
        ObjectNode data = json.createObjectNode();
        data.put("test", true);
        data.put("department", code);
        data.put("requestedBy", requestedBy);
        data.put("note", "A test message from Fill Once, as asked for: no personal data, not a delivery of any "
                + "record; acknowledge it like any message.");
        ProducerRecord<String, byte[]> message = new ProducerRecord<>(Topics.department(code), subject,
                json.writeValueAsBytes(data));
        header(message, "ce_specversion", "1.0");
        header(message, "ce_id", id);
        header(message, "ce_type", DepartmentRecord.TEST_EVENT);
        header(message, "ce_source", "/fillonce/sync");
        header(message, "ce_subject", subject);
        header(message, "ce_time", time);
        header(message, "content-type", "application/json");
        RecordMetadata written = write(message);
        List<Channel> channels = new ArrayList<>();
        channels.add(new Channel("topic", written.topic() + " partition " + written.partition() + " offset "
                + written.offset(), "committed in a Kafka transaction: read_committed consumers see it"));
        channels.add(new Channel("feed", settings.publicUrl() + "/api/feeds/" + code, "served as an item of event "
                + DepartmentRecord.TEST_EVENT));
        boolean webhook = department.webhook() != null && registry.subscriptions().stream()
                .anyMatch(subscription -> subscription.department().equals(code) && subscription.sharesBy("webhook"));
        if (webhook) {
            channels.add(new Channel("webhook", department.webhook().url().toString(), "posted by the department's "
                    + "webhook worker, signed like any message (fillonce-type " + DepartmentRecord.TEST_EVENT + ")"));
        }
        return new Sent(id, DepartmentRecord.TEST_EVENT, subject, time, channels);
    }

    private synchronized RecordMetadata write(ProducerRecord<String, byte[]> message) {
        try {
            if (producer == null) {
                producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
                producer.initTransactions();
            }
            producer.beginTransaction();
            var sent = producer.send(message);
            producer.commitTransaction();
            return sent.get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (KafkaException | ExecutionException | TimeoutException e) {
            closeProducer(); // a fenced or failed transactional producer is not used again
            throw new Unavailable("Kafka did not take the test message (" + e.getClass().getSimpleName()
                    + "); try again in a moment.");
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeProducer();
            throw new Unavailable("interrupted while writing the test message");
        }
    }

    private static void header(ProducerRecord<String, byte[]> message, String name, String value) {
        message.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private void closeProducer() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
    }

    @Override
    public synchronized void destroy() {
        closeProducer();
    }
}
