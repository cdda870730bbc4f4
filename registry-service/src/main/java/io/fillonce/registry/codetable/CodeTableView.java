package io.fillonce.registry.codetable;

import java.time.Instant;
import java.util.Map;

/** A code table's current version, as answered over HTTP and published on fillonce.registry. */
record CodeTableView(String name, int version, Map<String, String> entries, Instant updatedAt) {
}
