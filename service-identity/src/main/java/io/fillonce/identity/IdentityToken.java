package io.fillonce.identity;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Verifies the identity the gateway signs (docs/conventions.md "Signed identity"): an HS256 JWT (no other algorithm)
 * with the shared secret, issuer {@code fillonce-gateway}, minted for this service (its {@code aud} names it), not
 * expired (a few seconds of clock skew allowed), with a subject and a role. The caller is taken from its claims only.
 */
final class IdentityToken {

    static final String HEADER = "X-Fillonce-Identity";
    static final String ISSUER = "fillonce-gateway";
    static final Duration CLOCK_SKEW = Duration.ofSeconds(5);

    private final MACVerifier verifier;
    private final String audience;
    private final Clock clock;

    IdentityToken(byte[] secret, String audience, Clock clock) {
        try {
            this.verifier = new MACVerifier(secret);
        }
        catch (JOSEException e) {
            throw new IllegalArgumentException("fillonce.identity.secret cannot key HS256: " + e.getMessage(), e);
        }
        this.audience = audience;
        this.clock = clock;
    }

    /** The caller the token names; throws InvalidIdentity saying why a token is refused. */
    VerifiedCaller verify(String token) {
        if (token == null || token.isBlank()) {
            throw refused("no " + HEADER + " header: call this service through the gateway");
        }
        JWTClaimsSet claims = claims(verified(token.strip()));
        if (!ISSUER.equals(claims.getIssuer())) {
            throw refused("the identity token's issuer is not " + ISSUER);
        }
        if (claims.getAudience() == null || !claims.getAudience().contains(audience)) {
            throw refused("the identity token was not minted for " + audience);
        }
        Instant now = clock.instant();
        Date expires = claims.getExpirationTime();
        if (expires == null || now.isAfter(expires.toInstant().plus(CLOCK_SKEW))) {
            throw refused("the identity token has expired");
        }
        Date issued = claims.getIssueTime();
        if (issued != null && issued.toInstant().isAfter(now.plus(CLOCK_SKEW))) {
            throw refused("the identity token is issued in the future");
        }
        return caller(claims);
    }

    private SignedJWT verified(String token) {
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(token);
        }
        catch (ParseException e) {
            throw refused("the identity token is not a signed JWT");
        }
        if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm())) {
            throw refused("the identity token must be signed with HS256");
        }
        try {
            if (jwt.verify(verifier)) {
                return jwt;
            }
        }
        catch (JOSEException e) {
            // an unverifiable token is refused like a forged one
        }
        throw refused("the identity token's signature is not the gateway's");
    }

    private static JWTClaimsSet claims(SignedJWT jwt) {
        try {
            return jwt.getJWTClaimsSet();
        }
        catch (ParseException e) {
            throw refused("the identity token's claims are not a JSON object");
        }
    }

    private static VerifiedCaller caller(JWTClaimsSet claims) {
        try {
            String subject = claims.getSubject();
            String role = claims.getStringClaim("role");
            if (subject == null || subject.isBlank() || role == null || role.isBlank()) {
                throw refused("the identity token names no subject or no role");
            }
            return new VerifiedCaller(subject, role, claims.getStringClaim("department"),
                    claims.getStringClaim("region"));
        }
        catch (ParseException e) {
            throw refused("the identity token's role, department and region must be strings");
        }
    }

    private static InvalidIdentity refused(String reason) {
        return new InvalidIdentity(reason);
    }
}
