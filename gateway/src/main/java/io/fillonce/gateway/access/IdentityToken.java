package io.fillonce.gateway.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.fillonce.gateway.principal.Principal;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The signed identity forwarded as {@code X-Fillonce-Identity} (docs/conventions.md "Signed identity"): an HS256
 * JWT with {@code iss} fillonce-gateway, {@code aud} the one service it is for, {@code sub} the principal id,
 * {@code role}, {@code department} or {@code region} where they apply, {@code iat}, {@code exp} 60 s later and a
 * fresh {@code jti}.
 */
@Component
class IdentityToken {

    static final String HEADER = "X-Fillonce-Identity";
    static final String ISSUER = "fillonce-gateway";
    static final Duration LIFETIME = Duration.ofSeconds(60);

    private final JWSSigner signer;
    private final Clock clock;

    @Autowired
    IdentityToken(IdentitySettings settings) {
        this(settings, Clock.systemUTC());
    }

    IdentityToken(IdentitySettings settings, Clock clock) {
        try {
            this.signer = new MACSigner(settings.secretBytes());
        }
        catch (JOSEException e) {
            throw new IllegalArgumentException("fillonce.identity.secret cannot key HS256: " + e.getMessage(), e);
        }
        this.clock = clock;
    }

    String sign(Principal principal, String audience) {
        Instant issuedAt = clock.instant();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(audience)
                .subject(principal.id())
                .claim("role", principal.role().name())
                .issueTime(Date.from(issuedAt))
                .expirationTime(Date.from(issuedAt.plus(LIFETIME)))
                .jwtID(UUID.randomUUID().toString());
        if (principal.department() != null) {
            claims.claim("department", principal.department());
        }
        if (principal.regionCode() != null) {
            claims.claim("region", principal.regionCode());
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
        try {
            jwt.sign(signer);
        }
        catch (JOSEException e) {
            throw new IllegalStateException("Could not sign the identity of " + principal.id(), e);
        }
        return jwt.serialize();
    }
}
