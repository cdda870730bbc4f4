package io.fillonce.gateway.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.fillonce.gateway.principal.Principal;
import io.fillonce.gateway.principal.Role;
import org.junit.jupiter.api.Test;

class IdentityTokenTests {

    private static final String SECRET = "0123456789abcdef0123456789abcdef";
    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

    private final IdentityToken token = new IdentityToken(new IdentitySettings(SECRET), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void signsTheDepartmentPrincipalWithHs256() throws Exception {
        SignedJWT jwt = SignedJWT.parse(token.sign(
                new Principal("department:civil-affairs", Role.DEPARTMENT, "civil-affairs", null), "sync-service"));

        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.HS256);
        assertThat(jwt.verify(new MACVerifier(SECRET.getBytes()))).isTrue();
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo("fillonce-gateway");
        assertThat(claims.getAudience()).as("minted for one service only").containsExactly("sync-service");
        assertThat(claims.getSubject()).isEqualTo("department:civil-affairs");
        assertThat(claims.getStringClaim("role")).isEqualTo("DEPARTMENT");
        assertThat(claims.getStringClaim("department")).isEqualTo("civil-affairs");
        assertThat(claims.getClaims()).doesNotContainKey("region");
        assertThat(claims.getIssueTime()).isEqualTo(Date.from(NOW));
        assertThat(claims.getExpirationTime()).isEqualTo(Date.from(NOW.plusSeconds(60)));
    }

    @Test
    void aCadreCarriesItsRegionAndEveryTokenHasItsOwnId() throws Exception {
        Principal cadre = new Principal("cadre:c-1", Role.CADRE, null, "370602");

        JWTClaimsSet first = SignedJWT.parse(token.sign(cadre, "intake-service")).getJWTClaimsSet();
        JWTClaimsSet second = SignedJWT.parse(token.sign(cadre, "intake-service")).getJWTClaimsSet();

        assertThat(first.getStringClaim("region")).isEqualTo("370602");
        assertThat(first.getClaims()).doesNotContainKey("department");
        assertThat(first.getJWTID()).isNotBlank().isNotEqualTo(second.getJWTID());
    }

    @Test
    void anotherSecretDoesNotVerify() throws Exception {
        SignedJWT jwt = SignedJWT.parse(token.sign(new Principal("ops:a", Role.OPS, null, null), "sync-service"));

        assertThat(jwt.verify(new MACVerifier("another-secret-of-at-least-32-bytes!!".getBytes()))).isFalse();
    }

    @Test
    void refusesAShortOrMissingSecret() {
        assertThatIllegalArgumentException().isThrownBy(() -> new IdentitySettings("x".repeat(31)))
                .withMessageContaining("FILLONCE_IDENTITY_SECRET");
        assertThatIllegalArgumentException().isThrownBy(() -> new IdentitySettings(null));
        assertThat(new IdentitySettings("x".repeat(32)).toString()).doesNotContain("xxx");
    }
}
