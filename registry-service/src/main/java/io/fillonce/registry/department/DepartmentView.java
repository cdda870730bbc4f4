package io.fillonce.registry.department;

import java.time.Instant;

/** A department as answered over HTTP; never carries its API key nor a stored webhook secret. */
record DepartmentView(String code, String name, WebhookView webhook, Instant updatedAt) {
}
