package io.fillonce.identity;

/** The caller a verified identity token names: {@code sub}, {@code role}, {@code department}, {@code region}. */
record VerifiedCaller(String principal, String role, String department, String region) {
}
