package io.fillonce.registry.subscription;

/** The verified caller (the identity headers the service's identity filter set from the gateway's token). */
record Caller(String principal, String role, String department) {

    static final String PRINCIPAL = "X-Fillonce-Principal";
    static final String ROLE = "X-Fillonce-Role";
    static final String DEPARTMENT = "X-Fillonce-Department";

    boolean admin() {
        return isAdmin(role);
    }

    /** Whether the verified role is ADMIN (for a controller that reads only the role header). */
    static boolean isAdmin(String role) {
        return "ADMIN".equals(role);
    }

    /** A department's principal, with its department. */
    boolean fromDepartment() {
        return "DEPARTMENT".equals(role) && department != null;
    }
}
