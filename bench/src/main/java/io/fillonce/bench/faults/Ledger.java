package io.fillonce.bench.faults;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What one department received of one scenario's known set ({@code entities} × {@code versions} submissions), as a
 * receiver that applies each event id once would: the first delivery of an event id is applied, a repeat of it is
 * only counted ({@link #redelivered()}). Findings:
 * <ul>
 * <li>delivered: distinct submissions applied (a submission is entity × version number, from the payload's
 * {@code seq});</li>
 * <li>duplicate ids: a submission applied under a second event id (the platform made it twice), or, on a
 * channel that promises exactly once (the topic, read committed), an event id seen again;</li>
 * <li>out of order: an applied delivery whose entity version is not above the last one applied for that entity.</li>
 * </ul>
 * Thread-safe: receivers call {@link #accept} from their own threads.
 */
final class Ledger {

    private final String department;
    private final boolean exactlyOnce;
    private final int entities;
    private final int versions;
    private final Set<String> eventIds = new HashSet<>();
    private final Map<Integer, String> idOfSeq = new HashMap<>();
    private final Map<Integer, Integer> lastVersion = new HashMap<>();
    private long redelivered;
    private long duplicateIds;
    private long outOfOrder;
    private long outside;

    Ledger(String department, boolean exactlyOnce, int entities, int versions) {
        this.department = department;
        this.exactlyOnce = exactlyOnce;
        this.entities = entities;
        this.versions = versions;
    }

    String department() {
        return department;
    }

    /** The submission number of {@code entity}'s {@code version}-th version (both from 0). */
    static int seq(int entity, int version, int versions) {
        return entity * versions + version;
    }

    /** One delivery: its event id, the payload's {@code seq} and the entity version the platform gave it. */
    synchronized void accept(String eventId, int seq, int entityVersion) {
        if (seq < 0 || seq >= expected()) {
            outside++;
            return;
        }
        if (!eventIds.add(eventId)) {
            redelivered++;
            if (exactlyOnce) {
                duplicateIds++;
            }
            return;
        }
        String earlier = idOfSeq.putIfAbsent(seq, eventId);
        if (earlier != null) {
            duplicateIds++;
            return;
        }
        int entity = seq / versions;
        Integer last = lastVersion.get(entity);
        if (last != null && entityVersion <= last) {
            outOfOrder++;
        }
        else {
            lastVersion.put(entity, entityVersion);
        }
    }

    int expected() {
        return entities * versions;
    }

    synchronized int delivered() {
        return idOfSeq.size();
    }

    synchronized long redelivered() {
        return redelivered;
    }

    synchronized long duplicateIds() {
        return duplicateIds;
    }

    synchronized long outOfOrder() {
        return outOfOrder;
    }

    /** Deliveries of this run whose seq is not one it sent: a payload the platform should not have made. */
    synchronized long outside() {
        return outside;
    }
}
