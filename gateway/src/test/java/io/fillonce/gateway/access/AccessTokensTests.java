package io.fillonce.gateway.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.fillonce.gateway.principal.Principal;
import io.fillonce.gateway.principal.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.json.JsonMapper;

/** OAuth2 access tokens against a local issuer that serves OpenID discovery and its key set. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessTokensTests {

    private RSAKey key;
    private RSAKey otherKey;
    private HttpServer issuer;
    private String issuerUri;
    private AccessTokens tokens;

    @BeforeAll
    void issuer() throws Exception {
        key = new RSAKeyGenerator(2048).keyID("k1").generate();
        otherKey = new RSAKeyGenerator(2048).keyID("k1").generate();
        issuer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        issuerUri = "http://127.0.0.1:" + issuer.getAddress().getPort() + "/realms/fillonce";
        serve("/realms/fillonce/.well-known/openid-configuration",
                "{\"issuer\":\"" + issuerUri + "\",\"jwks_uri\":\"" + issuerUri + "/certs\"}");
        serve("/realms/fillonce/certs", new JWKSet(key.toPublicJWK()).toString());
        issuer.start();
        tokens = new AccessTokens(new JwtSettings(issuerUri, null, null), JsonMapper.builder().build());
    }

    @AfterAll
    void stop() {
        issuer.stop(0);
    }

    @Test
    void readsThePrincipalOfAValidToken() throws Exception {
        assertThat(tokens.principalOf(sign(claims().claim("fillonce_role", "DEPARTMENT")
                .claim("fillonce_department", "civil-affairs").build(), key)))
                .contains(new Principal("department:civil-affairs", Role.DEPARTMENT, "civil-affairs", null));
        assertThat(tokens.principalOf(sign(claims().claim("fillonce_role", "CADRE").claim("fillonce_region", "370602")
                .build(), key))).contains(new Principal("cadre:u-1", Role.CADRE, null, "370602"));
    }

    @Test
    void refusesEverythingElse() throws Exception {
        assertThat(tokens.principalOf(sign(claims().claim("fillonce_role", "ADMIN").build(), otherKey)))
                .as("signed by another key").isEmpty();
        assertThat(tokens.principalOf(sign(claims().claim("fillonce_role", "ADMIN").issuer("http://evil").build(), key)))
                .as("another issuer").isEmpty();
        assertThat(tokens.principalOf(sign(claims().claim("fillonce_role", "ADMIN")
                .expirationTime(Date.from(Instant.now().minusSeconds(600))).build(), key))).as("expired").isEmpty();
        assertThat(tokens.principalOf(sign(claims().claim("fillonce_role", "ROOT").build(), key))).as("no role").isEmpty();
        assertThat(tokens.principalOf(sign(claims().claim("fillonce_role", "DEPARTMENT").build(), key)))
                .as("department without its code").isEmpty();
        assertThat(tokens.principalOf(hs256(claims().claim("fillonce_role", "ADMIN").build())))
                .as("a symmetric token keyed with anything").isEmpty();
        assertThat(tokens.principalOf("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ1LTEifQ.")).as("alg none").isEmpty();
        assertThat(tokens.principalOf("not.a.jwt")).isEmpty();
    }

    @Test
    void onlyEnabledWithAnIssuer() {
        assertThat(new JwtSettings(null, null, null).enabled()).isFalse();
        assertThat(new JwtSettings("", null, null).enabled()).isFalse();
        assertThat(tokens.enabled()).isTrue();
        assertThat(AccessTokens.looksLikeJwt("a.b.c")).isTrue();
        assertThat(AccessTokens.looksLikeJwt("fo_plain-key")).isFalse();
    }

    private JWTClaimsSet.Builder claims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(issuerUri).subject("u-1")
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)));
    }

    private static String sign(JWTClaimsSet claims, RSAKey with) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(with.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(with));
        return jwt.serialize();
    }

    private static String hs256(JWTClaimsSet claims) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner("a-shared-secret-that-is-long-enough-32".getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    private void serve(String path, String body) {
        issuer.createContext(path, exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
    }
}
