package io.fillonce.registry.principal;

/** What a principal may do; the gateway enforces it. */
public enum Role {
    ADMIN, CADRE, DEPARTMENT, OPS
}
