package io.fillonce.sync.prefill;

import java.util.List;
import java.util.Optional;

import io.fillonce.sync.mapping.FieldHashes;
import io.fillonce.sync.mapping.Subjects;
import io.fillonce.fieldrules.UnmappableRecord;
import io.fillonce.sync.registry.RegistryView;
import io.fillonce.sync.registry.Subscription;
import io.fillonce.sync.state.EntityRecord;
import io.fillonce.sync.state.EntityStates;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

/**
 * Builds a department's prefill from the fan-out's entity records and the department's subscriptions in the registry
 * view, with the same mapping engine that builds its deliveries: nothing a subscription does not map can be in it.
 */
@Service
class Prefills {

    private static final Logger log = LoggerFactory.getLogger(Prefills.class);

    private final EntityStates states;
    private final RegistryView registry;
    private final FieldHashes hashes;
    private final Subjects subjects;

    Prefills(EntityStates states, RegistryView registry, FieldHashes hashes, Subjects subjects) {
        this.states = states;
        this.registry = registry;
        this.hashes = hashes;
        this.subjects = subjects;
    }

    /**
     * The entity as the department's subscriptions to its type map it; empty when the department has no
     * active subscription to the type (a suspended or ended one entitles to nothing), the entity is unknown, or no
     * subscription's filter includes it (or can map it), or it was retracted.
     */
    Optional<Prefill> read(String department, String type, String entityKey) {
        List<Subscription> subscriptions = registry.subscriptionsFor(type).stream()
                .filter(subscription -> subscription.department().equals(department) && subscription.active()).toList();
        if (subscriptions.isEmpty()) {
            return Optional.empty();
        }
        return states.find(type, entityKey).filter(state -> !state.retracted())
                .flatMap(state -> prefill(department, state, subscriptions));
    }

    private Optional<Prefill> prefill(String department, EntityRecord state, List<Subscription> subscriptions) {
        List<Prefill.View> views = subscriptions.stream().filter(subscription -> subscription.wants(state.data()))
                .flatMap(subscription -> view(subscription, state).stream()).toList();
        return views.isEmpty() ? Optional.empty() : Optional.of(new Prefill(department, state.type(),
                state.entityKey(), state.version(), state.eventId(), views));
    }

    private Optional<Prefill.View> view(Subscription subscription, EntityRecord state) {
        try {
            String department = subscription.department();
            return Optional.of(new Prefill.View(subscription.id(), subjects.forDepartment(department,
                    subscription.keyInClear(), state.type(), state.entityKey()), subscription.purpose(),
                    subscription.legalBasis(), subscription.fields().payloadFor(state.data(), registry,
                            hashes.forDepartment(department))));
        }
        catch (UnmappableRecord e) {
            log.warn("Prefill of {} by subscription {} left out: {}", state.eventId(), subscription.id(),
                    e.getMessage());
            return Optional.empty();
        }
    }
}
