package io.fillonce.sync.fanout;

import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.fillonce.sync.registry.Subscription;
import io.fillonce.sync.state.EntityRecord;

/**
 * Department messages as contracts/examples/departments/*.json show them: CloudEvents of type
 * {@code fillonce.record.shared}, the subject the department sees the entity under, the canonical event's id and
 * time (a re-sync's derived id, naming the original in {@code resyncof}), the entity version, record type,
 * subscription and its version, purpose and legal basis as extensions; under a pseudonym also
 * {@code sealedentity}, the entity's subject sealed for sync-service alone; on a shared version
 * {@code sealedsubmitter}, who submitted it, sealed for sync-service alone too (what the department's confirmation
 * of it is credited to in the burden ledger; the department cannot read it).
 */
final class DepartmentMessages {

    static final String TYPE = "fillonce.record.shared";
    /** An entity version that no longer matches the subscription's filter: the department's copy stops here. */
    static final String WITHDRAWN = "fillonce.record.withdrawn";
    /** A version that retracts the entity: the department's copy must go (entered for the wrong person, say). */
    static final String RETRACTED = "fillonce.record.retracted";
    /** The entity's data was erased where the law requires it: the department's copy must go, and nothing follows. */
    static final String ERASED = "fillonce.record.erased";
    /** The last message of an ended subscription ({@link Subscription#ENDED_NOTICE}). */
    static final String ENDED = Subscription.ENDED_NOTICE;
    static final URI SOURCE = URI.create("/fillonce/sync");

    private DepartmentMessages() {
    }

    /** The extension that carries the entity's sealed subject ({@code ce_sealedentity} on the topic). */
    static final String SEALED_ENTITY = "sealedentity";

    /** The extension that carries who submitted the version, sealed ({@code ce_sealedsubmitter} on the topic). */
    static final String SEALED_SUBMITTER = "sealedsubmitter";

    static CloudEvent message(EntityRecord entity, Subscription subscription, String subject, String sealedEntity,
            String sealedSubmitter, String eventId, byte[] payload) {
        CloudEventBuilder event = event(TYPE, entity, subscription, subject, sealedEntity, eventId);
        if (sealedSubmitter != null) {
            event.withExtension(SEALED_SUBMITTER, sealedSubmitter);
        }
        return event.withDataContentType("application/json").withData(payload).build();
    }

    /**
     * A notice about the entity's current version without data: {@value #WITHDRAWN} (it left the filter) or
     * {@value #RETRACTED} (it was retracted) or {@value #ERASED} (it was erased); the same context as a shared
     * version.
     */
    static CloudEvent notice(String type, EntityRecord entity, Subscription subscription, String subject,
            String sealedEntity) {
        return event(type, entity, subscription, subject, sealedEntity, entity.eventId()).build();
    }

    /**
     * The {@value #ENDED} notice: id {@code <subscription>:ended}, subject {@code subscription/<id>}, the time it
     * ended, the subscription's record type, purpose and legal basis; no data, no entity version.
     */
    static CloudEvent ended(Subscription subscription) {
        Instant at = subscription.statusSince() == null ? Instant.now() : subscription.statusSince();
        return CloudEventBuilder.v1()
                .withId(subscription.id() + ":ended")
                .withType(ENDED)
                .withSource(SOURCE)
                .withSubject(subscriptionSubject(subscription))
                .withTime(at.atOffset(ZoneOffset.UTC))
                .withExtension("recordtype", subscription.recordType())
                .withExtension("subscription", subscription.id())
                .withExtension("subscriptionversion", subscription.version())
                .withExtension("purpose", subscription.purpose())
                .withExtension("legalbasis", subscription.legalBasis())
                .build();
    }

    static String subscriptionSubject(Subscription subscription) {
        return "subscription/" + subscription.id();
    }

    private static CloudEventBuilder event(String type, EntityRecord entity, Subscription subscription,
            String subject, String sealedEntity, String eventId) {
        CloudEventBuilder event = CloudEventBuilder.v1()
                .withId(eventId)
                .withType(type)
                .withSource(SOURCE)
                .withSubject(subject)
                .withTime(OffsetDateTime.parse(entity.time()))
                .withExtension("entityversion", entity.version())
                .withExtension("recordtype", entity.type())
                .withExtension("subscription", subscription.id())
                .withExtension("subscriptionversion", subscription.version())
                .withExtension("purpose", subscription.purpose())
                .withExtension("legalbasis", subscription.legalBasis());
        if (sealedEntity != null) {
            event.withExtension(SEALED_ENTITY, sealedEntity);
        }
        if (!eventId.equals(entity.eventId())) {
            event.withExtension("resyncof", entity.eventId());
        }
        return event;
    }
}
