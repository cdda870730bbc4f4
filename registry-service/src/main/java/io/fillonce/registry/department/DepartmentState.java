package io.fillonce.registry.department;

import java.time.Instant;
import java.util.List;

/**
 * A department as published on fillonce.registry: the webhook with its signing secrets sealed for sync-service
 * ({@link io.fillonce.contracts.trust.SealedSecrets}), never in clear.
 */
record DepartmentState(String code, String name, WebhookState webhook, Instant updatedAt) {

    record WebhookState(String url, List<String> sealedSecrets, boolean active) {
    }
}
