package io.fillonce.registry.department;

/** The webhook part of a department request: where to deliver. */
record WebhookTarget(String url) {
}
