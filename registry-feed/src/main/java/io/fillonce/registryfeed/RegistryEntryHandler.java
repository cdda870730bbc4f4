package io.fillonce.registryfeed;

import java.util.Map;
import java.util.Set;

/**
 * A service's view of the registry: what it does with an entry of the kinds it holds. The registry feed calls it for
 * every signed entry of those kinds, on its one consumer thread, in topic order (so in order per key), from the
 * beginning of the topic at every start. A service with at least one handler bean follows the topic; one without
 * (registry-service, the writer) does not.
 */
public interface RegistryEntryHandler {

    /** The kinds of entry this view holds; it is handed no other. */
    Set<EntryKind> kinds();

    /** Applies one entry: its new state, or a deletion ({@link RegistryEntry#deleted()}). */
    void apply(RegistryEntry entry);

    /** How much the view holds, e.g. {@code activeKeys → 3}: details of the {@code registryView} health. */
    default Map<String, Integer> sizes() {
        return Map.of();
    }
}
