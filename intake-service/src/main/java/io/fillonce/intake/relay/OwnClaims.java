package io.fillonce.intake.relay;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This instance's claims in progress: what it does with each (a writer or the relay is busy with it, or it waits for
 * recovery until a time), and the entities each holds in {@link EntityLanes} (from before its write until it is
 * deleted or left to recovery).
 */
final class OwnClaims {

    private final Map<String, State> states = new ConcurrentHashMap<>();

    private final Map<String, Set<String>> held = new ConcurrentHashMap<>();

    private final EntityLanes lanes;

    private final Clock clock;

    private final Duration staleAfter;

    OwnClaims(EntityLanes lanes, Clock clock, Duration staleAfter) {
        this.lanes = lanes;
        this.clock = clock;
        this.staleAfter = staleAfter;
    }

    /** A writer or the relay works on the claim: recovery leaves it be. */
    void busy(String claimId) {
        states.put(claimId, new State(true, clock.instant()));
    }

    /** Keeps these entities' lanes while the claim is in progress. */
    void hold(String claimId, Collection<String> subjects) {
        held.compute(claimId, (id, holding) -> {
            Set<String> all = holding == null ? new HashSet<>() : holding;
            List<String> more = new ArrayList<>();
            for (String subject : subjects) {
                if (all.add(subject)) {
                    more.add(subject);
                }
            }
            lanes.hold(more);
            return all;
        });
    }

    /** Leaves the claim to recovery from {@code at} on. */
    void retryAt(String claimId, Instant at) {
        release(claimId);
        states.put(claimId, new State(false, at));
    }

    /** The claim is deleted (or was never stored). */
    void done(String claimId) {
        states.remove(claimId);
        release(claimId);
    }

    /**
     * Whether recovery should publish this claim now: one it does not know (taken over, or seen before its deletion:
     * recovery finds it gone), one waiting whose time came, or one busy so long that what held it died.
     */
    boolean due(String claimId) {
        State state = states.get(claimId);
        if (state == null) {
            return true;
        }
        Instant now = clock.instant();
        return state.busy() ? state.at().plus(staleAfter.multipliedBy(2)).isBefore(now) : !state.at().isAfter(now);
    }

    private void release(String claimId) {
        Set<String> subjects = held.remove(claimId);
        if (subjects != null) {
            lanes.release(subjects);
        }
    }

    /** @param at since when it is busy, or when it is due */
    private record State(boolean busy, Instant at) {
    }
}
