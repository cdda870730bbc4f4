package io.fillonce.sync.fanout;

import java.nio.charset.StandardCharsets;

import io.fillonce.sync.mapping.Subjects;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A department message ({@link DepartmentMessages}) as sync-service reads it back from {@code fillonce.dept.<code>}
 * for the webhook and the feed: what the department sees ({@code departmentSubject}, the message key) and, for
 * audit and receipts, the entity it is ({@code subject}, {@code <type>/<entityKey>}): the key itself when the
 * subscription discloses it, else opened from {@code ce_sealedentity}. {@code eventType}: {@code ce_type}, a shared
 * version, a {@code withdrawn} or {@code retracted} notice (whose {@code payload} is empty) or a subscription's
 * {@code ended} notice (subject {@code subscription/<id>}, no payload, version 0). {@code subscriptionVersion}: the
 * subscription's version that built it (absent on messages written before subscriptions had versions).
 * {@code submitter}: who submitted the version, opened from {@code ce_sealedsubmitter} (null on notices, on messages
 * written before it was sealed in, and when it does not open).
 */
public record DepartmentRecord(String eventId, String eventType, String subject, String departmentSubject,
        long version, String subscription, String purpose, String legalBasis, String time, String resyncOf,
        byte[] payload, Integer subscriptionVersion, String submitter) {

    /**
     * {@code ce_type} of a test message a department asked for (the onboarding kit's test event): no entity, no
     * subscription, no personal data; delivered on each channel but neither audited nor counted as a delivery.
     */
    public static final String TEST_EVENT = "fillonce.test";

    private static final Logger log = LoggerFactory.getLogger(DepartmentRecord.class);

    /**
     * {@code department}: whose topic it was read from. A sealed subject that does not open (another deployment's
     * secret) is logged and the message kept under its department subject: it is still delivered.
     */
    public static DepartmentRecord read(ConsumerRecord<String, byte[]> record, String department, Subjects subjects) {
        String key = record.key();
        String sealed = header(record, "ce_" + DepartmentMessages.SEALED_ENTITY);
        String subject = key;
        if (sealed != null) {
            try {
                subject = subjects.open(sealed, department);
            }
            catch (IllegalArgumentException e) {
                log.error("Message at offset {} of {} partition {}: its sealed entity does not open ({}); audited and "
                        + "receipted under the department's pseudonym", record.offset(), record.topic(),
                        record.partition(), e.getMessage());
            }
        }
        String version = header(record, "ce_entityversion");
        return new DepartmentRecord(header(record, "ce_id"), header(record, "ce_type"), subject, key,
                version == null ? 0 : Long.parseLong(version), header(record, "ce_subscription"),
                header(record, "ce_purpose"), header(record, "ce_legalbasis"), header(record, "ce_time"),
                header(record, "ce_resyncof"), record.value() == null ? new byte[0] : record.value(),
                number(header(record, "ce_subscriptionversion")),
                opened(header(record, "ce_" + DepartmentMessages.SEALED_SUBMITTER), department, subjects));
    }

    /** Who submitted the version, or null: a submitter that does not open only goes uncredited. */
    private static String opened(String sealed, String department, Subjects subjects) {
        try {
            return sealed == null ? null : subjects.open(sealed, department);
        }
        catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A shared version: mapped data follows (a notice, withdrawn, retracted or ended, has none). */
    public boolean carriesData() {
        return eventType == null || DepartmentMessages.TYPE.equals(eventType);
    }

    /** A test message: about no entity and no subscription ({@link #TEST_EVENT}). */
    public boolean testEvent() {
        return TEST_EVENT.equals(eventType);
    }

    /** The entity's data was erased: the department's copy goes. */
    public boolean erasedNotice() {
        return DepartmentMessages.ERASED.equals(eventType);
    }

    /** The last message of an ended subscription: about the subscription, not an entity (version 0, no data). */
    public boolean subscriptionEnded() {
        return DepartmentMessages.ENDED.equals(eventType);
    }

    /** Whether the department got the entity key itself, rather than its pseudonym. */
    public boolean keyDisclosed() {
        return subject.equals(departmentSubject);
    }

    public String type() {
        return subject.substring(0, subject.indexOf('/'));
    }

    public String entityKey() {
        return subject.substring(subject.indexOf('/') + 1);
    }

    /** The key part of what the department sees: the entity key or the department's pseudonym. */
    public String departmentKey() {
        return departmentSubject.substring(departmentSubject.indexOf('/') + 1);
    }

    public String payloadText() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    /** A numeric header; null when absent (messages written before subscriptions had versions) or not a number. */
    private static Integer number(String header) {
        try {
            return header == null ? null : Integer.valueOf(header);
        }
        catch (NumberFormatException e) {
            return null;
        }
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
