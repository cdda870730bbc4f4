package io.fillonce.registry.principal;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A principal as published on fillonce.registry; the gateway authenticates callers against {@code keyHash}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record PrincipalState(String id, Role role, String name, String keyHash, String department, String regionCode,
        boolean active) {
}
