package io.fillonce.registry;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The identity headers a test request carries, as the gateway would forward them. Every test builds its caller
 * here, so how the gateway's identity reaches a service is decided in one place.
 */
public final class TestCallers {

    private TestCallers() {
    }

    public static Map<String, String> ops() {
        return caller("ops:o-1", "OPS", null, null);
    }

    public static Map<String, String> admin() {
        return caller("admin:it", "ADMIN", null, null);
    }

    public static Map<String, String> department(String code) {
        return caller("department:" + code, "DEPARTMENT", code, null);
    }

    public static Map<String, String> cadre(String id, String region) {
        return caller("cadre:" + id, "CADRE", null, region);
    }

    /** Any principal and role, e.g. a principal whose role does not match its name. */
    public static Map<String, String> caller(String principal, String role, String department, String region) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Fillonce-Principal", principal);
        headers.put("X-Fillonce-Role", role);
        if (department != null) {
            headers.put("X-Fillonce-Department", department);
        }
        if (region != null) {
            headers.put("X-Fillonce-Region", region);
        }
        return headers;
    }
}
