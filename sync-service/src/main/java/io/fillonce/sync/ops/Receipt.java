package io.fillonce.sync.ops;

import java.time.Instant;

/** Where one version of an entity stands for one department and channel. */
record Receipt(String department, String channel, String eventId, long version, String status, Instant deliveredAt,
        int attempts, String lastError) {
}
