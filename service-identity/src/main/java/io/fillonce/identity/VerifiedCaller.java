package io.fillonce.identity;

/**
 * The caller a verified identity token names: {@code sub}, {@code role}, {@code department} (a DEPARTMENT caller's
 * own), {@code region} (a CADRE caller's). A controller gets it as a method parameter ({@link VerifiedCallers}); the
 * role table has already allowed the request by then ({@link IdentityFilter}).
 */
public record VerifiedCaller(String principal, String role, String department, String region) {

    public static final String ADMIN = "ADMIN";
    public static final String CADRE = "CADRE";
    public static final String DEPARTMENT = "DEPARTMENT";
    public static final String OPS = "OPS";

    public boolean hasRole(String name) {
        return name.equals(role);
    }

    public boolean isAdmin() {
        return hasRole(ADMIN);
    }
}
