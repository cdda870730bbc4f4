package io.fillonce.registry.department;

import java.time.Instant;

/** A department as answered over HTTP and published on fillonce.registry; never carries its API key. */
record DepartmentView(String code, String name, Webhook webhook, Instant updatedAt) {
}
