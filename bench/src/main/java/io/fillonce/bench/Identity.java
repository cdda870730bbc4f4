package io.fillonce.bench;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * The identity the gateway forwards for a cadre (docs/conventions.md): the plain {@code X-Fillonce-*} headers and the
 * signed {@code X-Fillonce-Identity} token, for intake-service. The relay bench keys it with a secret made for its run
 * and hands that to intake as {@code FILLONCE_IDENTITY_SECRET}; the platform bench uses the local stack's
 * ({@code .fillonce/identity.key}).
 */
public final class Identity {

    /** The bench calls intake directly: its tokens are minted for intake only, as the gateway's would be. */
    static final String AUDIENCE = "intake-service";

    private final String secret;

    Identity() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        secret = Base64.getEncoder().encodeToString(bytes);
    }

    private Identity(String secret) {
        this.secret = secret;
    }

    /** Signs with the secret the services were started with, as the gateway does. */
    public static Identity withSecret(String secret) {
        return new Identity(secret);
    }

    String secret() {
        return secret;
    }

    public Map<String, String> cadre(String id, String region) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Fillonce-Principal", "cadre:" + id);
        headers.put("X-Fillonce-Role", "CADRE");
        headers.put("X-Fillonce-Region", region);
        headers.put("X-Fillonce-Identity", token("cadre:" + id, region));
        return headers;
    }

    private String token(String subject, String region) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("fillonce-gateway").audience(AUDIENCE).subject(subject)
                .claim("role", "CADRE").claim("region", region).issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofSeconds(60)))).jwtID(UUID.randomUUID().toString())
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(new MACSigner(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        catch (JOSEException e) {
            throw new IllegalStateException("cannot sign the bench's identity token", e);
        }
        return jwt.serialize();
    }
}
