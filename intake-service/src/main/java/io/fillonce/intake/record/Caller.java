package io.fillonce.intake.record;

/**
 * Who asks, as the gateway's verified identity names them ({@code X-Fillonce-Principal}, {@code -Role},
 * {@code -Region}): only a cadre is bound to a region.
 *
 * @param principal e.g. {@code cadre:c-0001}
 * @param role ADMIN, CADRE, DEPARTMENT or OPS
 * @param region a cadre's region code, null for the other roles
 */
public record Caller(String principal, String role, String region) {

    static final String CADRE = "CADRE";

    static final String ADMIN = "ADMIN";

    /** The headers' caller; a missing principal is a {@link MissingPrincipal}. */
    public static Caller of(String principal, String role, String region) {
        if (principal == null || principal.isBlank()) {
            throw new MissingPrincipal();
        }
        return new Caller(principal.strip(), role, region);
    }

    /** Operators and administrators see every caller's bulk uploads; others only their own. */
    public boolean seesEveryonesUploads() {
        return "OPS".equals(role) || isAdmin();
    }

    public boolean isAdmin() {
        return ADMIN.equals(role);
    }

    public boolean isCadre() {
        return CADRE.equals(role);
    }
}
