package io.fillonce.intake.audit;

import java.util.Map;

import io.fillonce.identity.RefusedRequests;

import org.springframework.stereotype.Component;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Puts the record and history reads the shared role table refuses (an operator or a department asking intake for
 * a record) into the audit chain, as REFUSED attempts of the entity, before their 403 goes out. Other refused
 * requests name no entity and are not reads of one.
 */
@Component
class RefusedReads implements RefusedRequests {

    private static final PathPattern RECORD = RefusedRequests.readsAt("/api/records/{type}/{entityKey}");
    private static final PathPattern HISTORY = RefusedRequests.readsAt("/api/records/{type}/{entityKey}/history");

    private final ReadAudit audit;

    RefusedReads(ReadAudit audit) {
        this.audit = audit;
    }

    @Override
    public void refused(String principal, String method, String path) {
        Map<String, String> record = RefusedRequests.readOf(method, path, RECORD);
        Map<String, String> history = RefusedRequests.readOf(method, path, HISTORY);
        if (record != null) {
            audit.attempt(principal, ReadAudit.RECORD_READ, record.get("type"), record.get("entityKey"),
                    ReadAudit.REFUSED);
        }
        else if (history != null) {
            audit.attempt(principal, ReadAudit.HISTORY_READ, history.get("type"), history.get("entityKey"),
                    ReadAudit.REFUSED);
        }
    }
}
