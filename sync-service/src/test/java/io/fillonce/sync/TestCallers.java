package io.fillonce.sync;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpHeaders;

/**
 * The identity headers a test request carries, as the gateway forwards them: one {@code X-Fillonce-Identity}, an
 * HS256 JWT signed with the test secret ({@code fillonce.identity.secret} in src/test/resources/config/
 * application.yml). Every test builds its caller here, so how the gateway's identity reaches a service is decided
 * in one place.
 */
public final class TestCallers {

    public static final String HEADER = "X-Fillonce-Identity";
    public static final String ISSUER = "fillonce-gateway";
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
        return Map.of(HEADER, sign(claims(principal, role, department, region).build(), SECRET));
    }

    /** A caller's headers for MockMvc and Spring's HTTP clients, e.g. {@code .headers(http(ops()))}. */
    public static HttpHeaders http(Map<String, String> caller) {
        HttpHeaders headers = new HttpHeaders();
        caller.forEach(headers::set);
        return headers;
    }

    /** The claims the gateway signs for a caller, issued now and valid for 60 s; tests may change them. */
    public static JWTClaimsSet.Builder claims(String principal, String role, String department, String region) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(ISSUER).subject(principal)
                .claim("role", role).issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofSeconds(60)))).jwtID(UUID.randomUUID().toString());
        if (department != null) {
            claims.claim("department", department);
        }
        if (region != null) {
            claims.claim("region", region);
        }
        return claims;
    }

    /** The compact HS256 JWT of the claims, signed with any secret (at least 32 bytes). */
    public static String sign(JWTClaimsSet claims, String secret) {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        }
        catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    private static String testSecret() {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new ClassPathResource("config/application.yml"));
        Properties properties = yaml.getObject();
        return properties.getProperty("fillonce.identity.secret");
    }
}
