package io.fillonce.registry.subscription;

/** Body of POST /api/registry/subscriptions/{id}/suspend, /resume and /end: why, in words the department will read. */
record LifecycleRequest(String reason) {
}
