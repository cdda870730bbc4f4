package io.fillonce.intake.registry;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * This instance's view of the record types in the registry, fed from the compacted topic {@code fillonce.registry}.
 * It is complete once {@link #isCaughtUp()}: the view has read everything the topic held at start-up.
 */
@Component
public class RecordTypes {

    private final Map<String, RecordType> byName = new ConcurrentHashMap<>();

    private volatile boolean caughtUp;

    public Optional<RecordType> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public boolean isCaughtUp() {
        return caughtUp;
    }

    public int size() {
        return byName.size();
    }

    void put(RecordType type) {
        byName.put(type.name(), type);
    }

    void remove(String name) {
        byName.remove(name);
    }

    void markCaughtUp() {
        caughtUp = true;
    }
}
