package io.fillonce.intake.registry;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import io.fillonce.registryfeed.RegistryPosition;

/**
 * This instance's view of the record types in the registry, fed from the compacted registry topic by the registry
 * feed ({@link RegistryEntries}). It is complete once {@link #isCaughtUp()}: the feed has read everything the topic
 * held at start-up.
 */
@Component
public class RecordTypes {

    private final Map<String, RecordType> byName = new ConcurrentHashMap<>();

    /** Every schema version of every type this view has seen, so a client may still name an older one. */
    private final Map<String, Map<Integer, RecordType>> seen = new ConcurrentHashMap<>();

    private final RegistryPosition feed;

    public RecordTypes(RegistryPosition feed) {
        this.feed = feed;
    }

    public Optional<RecordType> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The given schema version of a type that still exists, if this view has seen that version. */
    public Optional<RecordType> find(String name, int version) {
        if (!byName.containsKey(name)) {
            return Optional.empty();
        }
        return Optional.ofNullable(seen.getOrDefault(name, Map.of()).get(version));
    }

    /** The current version of every type, sorted by name. */
    public List<RecordType> all() {
        return byName.values().stream().sorted(Comparator.comparing(RecordType::name)).toList();
    }

    public boolean isCaughtUp() {
        return feed.isCaughtUp();
    }

    public int size() {
        return byName.size();
    }

    void put(RecordType type) {
        byName.put(type.name(), type);
        seen.computeIfAbsent(type.name(), name -> new ConcurrentHashMap<>()).put(type.version(), type);
    }

    void remove(String name) {
        byName.remove(name);
        seen.remove(name);
    }
}
