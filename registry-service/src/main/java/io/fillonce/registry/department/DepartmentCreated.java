package io.fillonce.registry.department;

import java.time.Instant;

/** Answer to creating a department: the only time its API key is shown. */
record DepartmentCreated(String code, String name, Webhook webhook, Instant updatedAt, String principal,
        String apiKey) {
}
