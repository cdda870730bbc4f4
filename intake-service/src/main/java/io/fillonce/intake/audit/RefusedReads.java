package io.fillonce.intake.audit;

import java.util.Map;

import io.fillonce.identity.RefusedRequests;

import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Puts the record and history reads the shared role table refuses (an operator or a department asking intake for
 * a record) into the audit chain, as REFUSED attempts of the entity, before their 403 goes out. Other refused
 * requests name no entity and are not reads of one.
 */
@Component
class RefusedReads implements RefusedRequests {

    private static final PathPattern RECORD = PathPatternParser.defaultInstance.parse("/api/records/{type}/{entityKey}");
    private static final PathPattern HISTORY = PathPatternParser.defaultInstance
            .parse("/api/records/{type}/{entityKey}/history");

    private final ReadAudit audit;

    RefusedReads(ReadAudit audit) {
        this.audit = audit;
    }

    @Override
    public void refused(String principal, String method, String path) {
        if (!"GET".equals(method)) {
            return;
        }
        PathContainer requested = PathContainer.parsePath(path);
        for (var read : Map.of(RECORD, ReadAudit.RECORD_READ, HISTORY, ReadAudit.HISTORY_READ).entrySet()) {
            PathPattern.PathMatchInfo match = read.getKey().matchAndExtract(requested);
            if (match != null) {
                Map<String, String> at = match.getUriVariables();
                audit.attempt(principal, read.getValue(), at.get("type"), at.get("entityKey"), ReadAudit.REFUSED);
                return;
            }
        }
    }
}
