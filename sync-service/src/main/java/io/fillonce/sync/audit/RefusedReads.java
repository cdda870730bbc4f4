package io.fillonce.sync.audit;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.fillonce.identity.RefusedRequests;

import org.springframework.stereotype.Component;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Puts the reads of an entity the shared role table refuses (another department's prefill, a department asking for
 * receipts) into the audit chain, as REFUSED attempts, before their 403 goes out. A refused feed read names no
 * entity, so it has no place in the entities' chain: it is only answered 403.
 */
@Component
class RefusedReads implements RefusedRequests {

    private static final PathPattern PREFILL = RefusedRequests.readsAt("/api/prefill/{department}/{type}/{entityKey}");
    private static final PathPattern CADRE_RECEIPTS = RefusedRequests
            .readsAt("/api/records/{type}/{entityKey}/receipts");
    private static final PathPattern OPS_RECEIPTS = RefusedRequests.readsAt("/api/ops/receipts/{type}/{entityKey}");

    private final AuditRecorder audit;

    RefusedReads(AuditRecorder audit) {
        this.audit = audit;
    }

    @Override
    public void refused(String principal, String method, String path) {
        Map<String, String> prefill = RefusedRequests.readOf(method, path, PREFILL);
        if (prefill != null) {
            audit.record(List.of(AuditEvent.attempt(Instant.now(), principal, AuditAction.PREFILL_READ,
                    prefill.get("department"), prefill.get("type"), prefill.get("entityKey"), "prefill",
                    AuditEvent.REFUSED)));
            return;
        }
        Map<String, String> receipts = RefusedRequests.readOf(method, path, CADRE_RECEIPTS);
        if (receipts == null) {
            receipts = RefusedRequests.readOf(method, path, OPS_RECEIPTS);
        }
        if (receipts != null) {
            audit.receiptsRead(principal, receipts.get("type"), receipts.get("entityKey"), AuditEvent.REFUSED);
        }
    }
}
