package io.fillonce.registry.department;

/**
 * Where a department receives webhooks. Signing secrets and delivery come with the webhook channel; this slice
 * only records the URL.
 */
record Webhook(String url) {
}
