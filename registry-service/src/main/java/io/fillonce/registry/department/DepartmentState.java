package io.fillonce.registry.department;

import java.time.Instant;
import java.util.List;

/** A department as published on fillonce.registry: the webhook with its signing secrets (an internal topic). */
record DepartmentState(String code, String name, WebhookState webhook, Instant updatedAt) {

    record WebhookState(String url, List<String> secrets, boolean active) {
    }
}
