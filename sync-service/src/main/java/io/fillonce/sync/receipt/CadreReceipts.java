package io.fillonce.sync.receipt;

import java.util.List;

/** A record's receipts for the cadre: which departments got which version on which channel, and which did not. */
record CadreReceipts(String type, String entityKey, List<CadreReceipt> receipts) {
}
