package io.fillonce.sync.audit;

import java.time.Instant;
import java.util.List;

import io.fillonce.identity.RefusedRequests;

import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Puts the reads of an entity the shared role table refuses (another department's prefill, a department asking for
 * receipts) into the audit chain, as REFUSED attempts, before their 403 goes out. A refused feed read names no
 * entity, so it has no place in the entities' chain: it is only answered 403.
 */
@Component
class RefusedReads implements RefusedRequests {

    private static final PathPattern PREFILL = PathPatternParser.defaultInstance
            .parse("/api/prefill/{department}/{type}/{entityKey}");
    private static final List<PathPattern> RECEIPTS = List.of(
            PathPatternParser.defaultInstance.parse("/api/records/{type}/{entityKey}/receipts"),
            PathPatternParser.defaultInstance.parse("/api/ops/receipts/{type}/{entityKey}"));

    private final AuditRecorder audit;

    RefusedReads(AuditRecorder audit) {
        this.audit = audit;
    }

    @Override
    public void refused(String principal, String method, String path) {
        if (!"GET".equals(method)) {
            return;
        }
        PathContainer requested = PathContainer.parsePath(path);
        PathPattern.PathMatchInfo prefill = PREFILL.matchAndExtract(requested);
        if (prefill != null) {
            var at = prefill.getUriVariables();
            audit.record(List.of(AuditEvent.attempt(Instant.now(), principal, AuditAction.PREFILL_READ,
                    at.get("department"), at.get("type"), at.get("entityKey"), "prefill", AuditEvent.REFUSED)));
            return;
        }
        for (PathPattern receipts : RECEIPTS) {
            PathPattern.PathMatchInfo match = receipts.matchAndExtract(requested);
            if (match != null) {
                audit.receiptsRead(principal, match.getUriVariables().get("type"),
                        match.getUriVariables().get("entityKey"), AuditEvent.REFUSED);
                return;
            }
        }
    }
}
