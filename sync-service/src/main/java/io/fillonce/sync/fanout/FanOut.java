package io.fillonce.sync.fanout;

import java.time.format.DateTimeFormatter;

import io.fillonce.sync.delivery.Sharing;
import io.fillonce.sync.receipt.Submitters;
import io.fillonce.sync.registry.RegistryView;
import io.fillonce.sync.state.CurrentStates;
import io.fillonce.sync.state.EntityState;

import org.springframework.stereotype.Service;

/**
 * Shares one canonical event with every department whose subscription wants it (same record type, filter
 * matches): one PENDING ledger entry per subscription and channel, then a nudge to each department's lane. The
 * records consumer only waits for these ledger writes, never for a department. A payload that cannot be built
 * for one department is recorded as SKIPPED with the reason for that department only; the others still get theirs.
 * <p>
 * The entity's current state is kept <em>before</em> the registry view is asked for subscriptions: a subscription
 * that this event missed because it was not in the view yet was added after the state was written, so the
 * subscription's backfill (which starts once it is in the view) finds this version or a later one.
 */
@Service
class FanOut {

    private final RegistryView registry;
    private final CurrentStates states;
    private final Sharing sharing;
    private final Submitters submitters;

    FanOut(RegistryView registry, CurrentStates states, Sharing sharing, Submitters submitters) {
        this.registry = registry;
        this.states = states;
        this.sharing = sharing;
        this.submitters = submitters;
    }

    /** Returns once the submitter and every department's entries for the event are in MongoDB. */
    void share(CanonicalEvent event) {
        submitters.record(event.type(), event.entityKey(), event.submittedBy());
        EntityState state = new EntityState(event.type(), event.entityKey(), event.recordId(), event.version(),
                event.id(), DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(event.time()), event.data());
        states.keep(state);
        registry.subscriptionsFor(event.type()).stream()
                .filter(subscription -> subscription.wants(event.data()))
                .forEach(subscription -> sharing.share(state, subscription, null));
    }
}
