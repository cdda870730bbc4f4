package io.fillonce.sync.ops;

import java.util.List;

/** Sync's side of an entity's receipts: every department, channel and version it was shared with. */
record Receipts(String type, String entityKey, List<Receipt> deliveries) {
}
