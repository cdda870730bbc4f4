package io.fillonce.registry.department;

import java.time.Instant;

/** Answer to creating a department: the only time its API key (and its webhook secret) is shown. */
record DepartmentCreated(String code, String name, WebhookView webhook, Instant updatedAt, String principal,
        String apiKey) {
}
