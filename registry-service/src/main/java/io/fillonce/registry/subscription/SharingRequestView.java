package io.fillonce.registry.subscription;

import java.time.Instant;
import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * A sharing request as answered over HTTP. {@code proposal}: the subscription it asks for (or the new version of
 * {@code subscription} when {@code changesVersion} is set); {@code sensitiveReads}: the SENSITIVE fields its
 * mapping reads or its filter tests (an administrator approves those); {@code approvals}: every approval it needs
 * and how each went.
 */
record SharingRequestView(String id, SharingRequestStatus status, String department, String requestedBy,
        String recordType, String subscription, Integer changesVersion, boolean resync, JsonNode proposal,
        List<String> sensitiveReads, List<Approval> approvals, List<LifecycleStep> steps, Instant createdAt,
        Instant updatedAt) {
}
