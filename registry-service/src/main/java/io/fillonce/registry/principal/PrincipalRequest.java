package io.fillonce.registry.principal;

/**
 * Body of POST /api/registry/principals: an ADMIN or OPS principal; {@code id} is the part after
 * {@code <role>:}, e.g. {@code {"id": "li-ming", "name": "Li Ming", "role": "OPS"}} becomes {@code ops:li-ming}.
 */
record PrincipalRequest(String id, String name, String role) {
}
