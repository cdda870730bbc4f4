package io.fillonce.registry.department;

/** Body of POST /api/registry/departments; {@code webhook} is optional. */
record DepartmentRequest(String code, String name, Webhook webhook) {
}
