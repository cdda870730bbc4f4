package io.fillonce.registry.department;

/**
 * Body of POST /api/registry/departments and PUT …/{code} (where {@code code} may be left out); {@code webhook}
 * is optional: {@code {"url": "https://dept.example/hooks"}}. On PUT a null webhook removes it.
 */
record DepartmentRequest(String code, String name, WebhookTarget webhook) {
}
