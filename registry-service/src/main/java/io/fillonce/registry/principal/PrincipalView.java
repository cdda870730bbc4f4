package io.fillonce.registry.principal;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A principal as answered over HTTP: never its key, nor its key hash. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record PrincipalView(String id, Role role, String name, String department, String regionCode, boolean active,
        Instant updatedAt) {
}
