package io.fillonce.gateway.principal;

/** The roles a principal can hold; the registry entry's {@code state.role}. */
public enum Role {
    ADMIN, CADRE, DEPARTMENT, OPS
}
