package io.fillonce.sync.receipt;

import java.time.Instant;

/**
 * Where one version stands for one department and channel: DELIVERED (with when), PENDING or FAILED (still being
 * tried, with the last error), DEAD (given up after the retries, with why; an operator replays or discards it),
 * DISCARDED (with the operator's reason) or SKIPPED (never sent, with why). No payload, no data.
 */
record CadreReceipt(String department, String channel, long version, String status, Instant deliveredAt,
        int attempts, String reason) {
}
