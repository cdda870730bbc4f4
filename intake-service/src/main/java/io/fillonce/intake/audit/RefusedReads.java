package io.fillonce.intake.audit;

import java.util.List;

import io.fillonce.identity.RefusedRequests;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Puts the record and history reads the shared role table refuses (an operator or a department asking intake for
 * a record) into the audit chain, as REFUSED attempts of the entity, before their 403 goes out. Other refused
 * requests name no entity and are not reads of one.
 */
@Configuration(proxyBeanMethods = false)
class RefusedReads {

    @Bean
    RefusedRequests refusedRecordReads(ReadAudit audit) {
        return RefusedRequests.ofReads(List.of(
                new RefusedRequests.Read("/api/records/{type}/{entityKey}", (principal, at) -> audit.attempt(
                        principal, ReadAudit.RECORD_READ, at.get("type"), at.get("entityKey"), ReadAudit.REFUSED)),
                new RefusedRequests.Read("/api/records/{type}/{entityKey}/history", (principal, at) -> audit.attempt(
                        principal, ReadAudit.HISTORY_READ, at.get("type"), at.get("entityKey"), ReadAudit.REFUSED))));
    }
}
