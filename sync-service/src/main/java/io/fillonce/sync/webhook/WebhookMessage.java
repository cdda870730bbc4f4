package io.fillonce.sync.webhook;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * One department message as the webhook worker reads it from {@code fillonce.dept.<code>} (CloudEvents binary
 * mode): what it needs to post it and to keep it when it must wait (dead letter, parked entity).
 */
public record WebhookMessage(String eventId, String subject, long version, String subscription, String purpose,
        String legalBasis, String resyncOf, String payload) {

    static WebhookMessage of(ConsumerRecord<String, byte[]> record) {
        return new WebhookMessage(header(record, "ce_id"), record.key(), Long.parseLong(header(record,
                "ce_entityversion")), header(record, "ce_subscription"), header(record, "ce_purpose"),
                header(record, "ce_legalbasis"), header(record, "ce_resyncof"),
                new String(record.value(), StandardCharsets.UTF_8));
    }

    public String type() {
        return subject.substring(0, subject.indexOf('/'));
    }

    public String entityKey() {
        return subject.substring(subject.indexOf('/') + 1);
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
