package io.fillonce.registry.principal;

/** A principal to create: {@code name} is the part after {@code <role>:} in its id. */
public record NewPrincipal(Role role, String name, String displayName, String department, String regionCode) {

    public String id() {
        return role.name().toLowerCase(java.util.Locale.ROOT) + ":" + name;
    }
}
