package io.fillonce.gateway.principal;

import java.util.Objects;

/**
 * Who a valid API key belongs to, as far as the gateway needs to know: the id forwarded as
 * {@code X-Fillonce-Principal}, the role, and the department (DEPARTMENT) or region (CADRE) it is bound to.
 * {@code department} and {@code regionCode} are null when they do not apply.
 */
public record Principal(String id, Role role, String department, String regionCode) {

    public Principal {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(role, "role");
    }
}
