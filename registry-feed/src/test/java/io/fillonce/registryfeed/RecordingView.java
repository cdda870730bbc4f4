package io.fillonce.registryfeed;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/** A view that remembers the entries it was handed, in order. */
class RecordingView implements RegistryEntryHandler {

    final List<RegistryEntry> applied = new CopyOnWriteArrayList<>();
    private final Set<EntryKind> kinds;

    RecordingView(EntryKind... kinds) {
        this.kinds = Set.of(kinds);
    }

    @Override
    public Set<EntryKind> kinds() {
        return kinds;
    }

    @Override
    public void apply(RegistryEntry entry) {
        applied.add(entry);
    }

    @Override
    public Map<String, Integer> sizes() {
        return Map.of("applied", applied.size());
    }

    List<String> keys() {
        return applied.stream().map(entry -> entry.key() + (entry.deleted() ? " deleted" : "")).toList();
    }
}
