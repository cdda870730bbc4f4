package io.fillonce.sync.webhook;

import io.fillonce.sync.fanout.DepartmentRecord;
import io.fillonce.sync.registry.Subscription;

/**
 * One department message as the webhook worker reads it from {@code fillonce.dept.<code>} (CloudEvents binary
 * mode): what it needs to post it and to keep it when it must wait (dead letter, parked entity). {@code subject} is
 * the entity ({@code <type>/<entityKey>}, what receipts, parking and the audit go by); {@code departmentSubject} is
 * what the endpoint sees in {@code fillonce-subject}: the same, or the department's pseudonym subject.
 * {@code submitter}: who submitted the version (never sent; null when unknown), credited with its confirmation.
 */
public record WebhookMessage(String eventId, String subject, long version, String subscription, String purpose,
        String legalBasis, String resyncOf, String payload, String departmentSubject, String eventType,
        Integer subscriptionVersion, String submitter) {

    /** {@code fillonce-type} of a message kept before withdrawn notices existed. */
    static final String SHARED = "fillonce.record.shared";
    static final String ERASED = "fillonce.record.erased";

    static WebhookMessage of(DepartmentRecord record) {
        return new WebhookMessage(record.eventId(), record.subject(), record.version(), record.subscription(),
                record.purpose(), record.legalBasis(), record.resyncOf(), record.payloadText(),
                record.departmentSubject(), record.eventType(), record.subscriptionVersion(), record.submitter());
    }

    /**
     * What the endpoint is sent as {@code fillonce-type}: a shared version, or a notice with an empty body (a
     * withdrawn entity, an ended subscription).
     */
    String sentType() {
        return eventType == null ? SHARED : eventType;
    }

    /** A notice: nothing of the entity's data goes with it. */
    boolean withoutData() {
        return !SHARED.equals(sentType());
    }

    /** A test message the department asked for: no entity, no subscription, no personal data. */
    boolean testEvent() {
        return DepartmentRecord.TEST_EVENT.equals(eventType);
    }

    /** The entity was erased: the department's copy goes, and sync keeps nothing of the entity for it. */
    boolean erasedNotice() {
        return ERASED.equals(sentType());
    }

    /** The last message of an ended subscription: about the subscription (subject {@code subscription/<id>}). */
    boolean subscriptionEnded() {
        return Subscription.ENDED_NOTICE.equals(eventType);
    }

    public String type() {
        return subject.substring(0, subject.indexOf('/'));
    }

    public String entityKey() {
        return subject.substring(subject.indexOf('/') + 1);
    }

    /** The subject the endpoint is sent (a message kept before pseudonyms existed went under its entity subject). */
    String sentSubject() {
        return departmentSubject == null ? subject : departmentSubject;
    }

    boolean keyDisclosed() {
        return sentSubject().equals(subject);
    }
}
