package io.fillonce.identity;

import java.util.Map;
import java.util.Properties;

import com.nimbusds.jwt.JWTClaimsSet;

import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpHeaders;

/**
 * The identity headers a test request carries, as the gateway forwards them: one {@code X-Fillonce-Identity}, an
 * HS256 JWT signed ({@link IdentityTokens}, service-identity's test-jar) with the test secret
 * ({@code fillonce.identity.secret} in src/test/resources/config/application.yml). Every test builds its caller
 * here (each service's tests read their own config/application.yml), so how the gateway's identity reaches a
 * service is decided in one place.
 */
public final class TestCallers {

    public static final String HEADER = IdentityTokens.HEADER;
    public static final String ISSUER = IdentityTokens.ISSUER;
    public static final String SECRET = testSecret();

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
        return Map.of(HEADER, IdentityTokens.token(principal, role, department, region, SECRET));
    }

    /** A caller's headers for MockMvc and Spring's HTTP clients, e.g. {@code .headers(http(ops()))}. */
    public static HttpHeaders http(Map<String, String> caller) {
        HttpHeaders headers = new HttpHeaders();
        caller.forEach(headers::set);
        return headers;
    }

    /** The claims the gateway signs for a caller, issued now and valid for 60 s; tests may change them. */
    public static JWTClaimsSet.Builder claims(String principal, String role, String department, String region) {
        return IdentityTokens.claims(principal, role, department, region);
    }

    /** The compact HS256 JWT of the claims, signed with any secret (at least 32 bytes). */
    public static String sign(JWTClaimsSet claims, String secret) {
        return IdentityTokens.sign(claims, secret);
    }

    private static String testSecret() {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new ClassPathResource("config/application.yml"));
        Properties properties = yaml.getObject();
        return properties.getProperty("fillonce.identity.secret");
    }
}
