package io.fillonce.registry.recordtype;

/** Body of PUT /api/registry/record-types/{name}/owner: a department's code, or null for the administrators. */
record OwnerRequest(String owner) {
}
