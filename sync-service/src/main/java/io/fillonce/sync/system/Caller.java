package io.fillonce.sync.system;

import java.util.Set;

/** Who is calling, as the gateway forwards it (X-Fillonce-Principal, -Role, -Department). */
public record Caller(String principal, String role, String department) {

    /** @throws Unauthenticated when the request carries no principal */
    public static Caller of(String principal, String role, String department) {
        if (principal == null || principal.isBlank()) {
            throw new Unauthenticated();
        }
        return new Caller(principal, role == null ? "" : role, department);
    }

    /** @throws Forbidden unless the caller has one of the roles */
    public Caller requireRole(Set<String> roles) {
        if (!roles.contains(role)) {
            throw new Forbidden(principal + " (role " + role + ") may not do this; it needs one of " + roles);
        }
        return this;
    }
}
