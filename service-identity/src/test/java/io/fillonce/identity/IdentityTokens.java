package io.fillonce.identity;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;

/**
 * Signs identity tokens the way the gateway does (docs/conventions.md "Signed identity"), for tests: the services'
 * {@code TestCallers} build their callers with it. Shipped in this module's test-jar only.
 */
public final class IdentityTokens {

    public static final String HEADER = IdentityToken.HEADER;
    public static final String ISSUER = IdentityToken.ISSUER;
    /** The service under test, whom its tokens are minted for: {@code spring.application.name} of application.yml. */
    public static final String AUDIENCE = serviceName();

    private IdentityTokens() {
    }

    /** A fresh token for the caller (issued now, valid 60 s), signed with the secret. */
    public static String token(String principal, String role, String department, String region, String secret) {
        return sign(claims(principal, role, department, region).build(), secret);
    }

    /** The claims the gateway signs for a caller, issued now and valid for 60 s; tests may change them. */
    public static JWTClaimsSet.Builder claims(String principal, String role, String department, String region) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(ISSUER).audience(AUDIENCE).subject(principal)
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

    private static String serviceName() {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new ClassPathResource("application.yml"));
        String name = yaml.getObject().getProperty("spring.application.name");
        if (name == null) {
            throw new IllegalStateException("application.yml on the test classpath names no spring.application.name");
        }
        return name;
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
}
