package io.fillonce.sync.audit;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import io.fillonce.identity.RefusedRequests;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Puts the reads of an entity the shared role table refuses (another department's prefill, a department asking for
 * receipts or an access report) into the audit chain, as REFUSED attempts, before their 403 goes out. A refused
 * feed read names no entity, so it has no place in the entities' chain: it is only answered 403.
 */
@Configuration(proxyBeanMethods = false)
class RefusedReads {

    @Bean
    RefusedRequests refusedEntityReads(AuditRecorder audit) {
        BiConsumer<String, Map<String, String>> receipts = (principal, at) -> audit.receiptsRead(principal,
                at.get("type"), at.get("entityKey"), AuditEvent.REFUSED);
        return RefusedRequests.ofReads(List.of(
                new RefusedRequests.Read("/api/prefill/{department}/{type}/{entityKey}", (principal, at) ->
                        audit.record(List.of(AuditEvent.attempt(Instant.now(), principal, AuditAction.PREFILL_READ,
                                at.get("department"), at.get("type"), at.get("entityKey"), "prefill",
                                AuditEvent.REFUSED)))),
                new RefusedRequests.Read("/api/records/{type}/{entityKey}/receipts", receipts),
                new RefusedRequests.Read("/api/records/{type}/{entityKey}/access-report", (principal, at) ->
                        audit.reportRead(principal, at.get("type"), at.get("entityKey"), AuditEvent.REFUSED)),
                new RefusedRequests.Read("/api/ops/receipts/{type}/{entityKey}", receipts)));
    }
}
