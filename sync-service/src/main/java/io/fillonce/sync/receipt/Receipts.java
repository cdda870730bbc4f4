package io.fillonce.sync.receipt;

import java.util.List;

/** An entity's receipts: which departments got which version on which channel, and which did not, and why. */
public record Receipts(String type, String entityKey, List<Receipt> receipts) {
}
