package io.fillonce.registry.principal;

/** Answer to creating a principal or rotating its key: the only time the API key is shown. */
record PrincipalCreated(String principal, Role role, String name, String apiKey) {
}
