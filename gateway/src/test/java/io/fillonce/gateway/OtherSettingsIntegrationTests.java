package io.fillonce.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * A gateway of its own (the only test context besides the shared one) that trusts the local address as its proxy,
 * gives CADRE principals three requests an hour and accepts OAuth2 access tokens of a local issuer: HSTS behind
 * https, 429 per principal, JWT principals.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestPropertySource(properties = {
        "fillonce.edge.trusted-proxies=127.0.0.1",
        "fillonce.limits.rate.CADRE.limit-for-period=3",
        "fillonce.limits.rate.CADRE.refresh-period=1h"})
class OtherSettingsIntegrationTests extends GatewayTestSupport {

    private static final String ADMIN_KEY = "proxy-admin";
    private static final List<String> CADRE_KEYS = List.of("proxy-cadre-1", "proxy-cadre-2");

    private static final RSAKey ISSUER_KEY = issuerKey();
    private static final HttpServer ISSUER = startIssuer();
    private static final String ISSUER_URI = "http://127.0.0.1:" + ISSUER.getAddress().getPort() + "/issuer";

    WebTestClient client;

    @DynamicPropertySource
    static void issuer(DynamicPropertyRegistry registry) {
        registry.add("fillonce.security.jwt.issuer-uri", () -> ISSUER_URI);
        registry.add("fillonce.security.jwt.jwk-set-uri", () -> ISSUER_URI + "/keys");
    }

    @AfterAll
    void stopIssuer() {
        ISSUER.stop(0);
    }

    @BeforeAll
    void principals() {
        client = client();
        // published before the admin, so known once the admin is (awaiting them would spend their budget)
        publish(PrincipalEntries.cadre("c-one", CADRE_KEYS.get(0), "370602"));
        publish(PrincipalEntries.cadre("c-two", CADRE_KEYS.get(1), "370602"));
        publishAndAwait(PrincipalEntries.principal("admin:proxy", "ADMIN", ADMIN_KEY), ADMIN_KEY, "/api/registry/x");
    }

    @Test
    void httpsAtATrustedProxyBringsHsts() {
        JsonNode echo = JSON.readTree(admin().header("X-Forwarded-For", "203.0.113.7").header("X-Forwarded-Proto", "https")
                .exchange().expectStatus().isOk()
                .expectHeader().valueEquals("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
                .expectBody().returnResult().getResponseBodyContent());
        admin().header("X-Forwarded-Proto", "http").exchange().expectStatus().isOk()
                .expectHeader().doesNotExist("Strict-Transport-Security");

        assertThat(echo.path("headers").toString()).as("Spring Cloud Gateway removes forwarded headers on the way "
                + "to the service unless its own trusted-proxies is set").doesNotContain("203.0.113.7");
    }

    @Test
    void eachPrincipalGetsItsOwnBudgetThen429WithRetryAfter() {
        for (int i = 0; i < 3; i++) {
            cadre(CADRE_KEYS.get(0), "spoofed-" + i).exchange().expectStatus().isOk();
        }

        JsonNode problem = expectProblem(cadre(CADRE_KEYS.get(0), "another-spoof").exchange()
                .expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
                .expectHeader().valueMatches(HttpHeaders.RETRY_AFTER, "^[1-9][0-9]*$"));
        assertThat(problem.get("detail").asString()).contains("cadre:c-one");
        cadre(CADRE_KEYS.get(1), "x").exchange().expectStatus().isOk();
    }

    @Test
    void anAccessTokenOfTheIssuerAuthenticatesAsItsPrincipal() throws Exception {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(ISSUER_URI).subject("u-jwt")
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)))
                .claim("fillonce_role", "CADRE").claim("fillonce_region", "370602").build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build(), claims);
        jwt.sign(new RSASSASigner(ISSUER_KEY));

        client.get().uri("/api/records/resident/1").header(HttpHeaders.AUTHORIZATION, "Bearer " + jwt.serialize())
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.headers['x-fillonce-principal']").isEqualTo(List.of("cadre:u-jwt"))
                .jsonPath("$.headers['x-fillonce-region']").isEqualTo(List.of("370602"));
        expectProblem(client.get().uri("/api/records/resident/1")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + jwt.serialize() + "x")
                .exchange().expectStatus().isUnauthorized());
    }

    private static RSAKey issuerKey() {
        try {
            return new RSAKeyGenerator(2048).keyID("k1").generate();
        }
        catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpServer startIssuer() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            byte[] keys = new JWKSet(ISSUER_KEY.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            server.createContext("/issuer/keys", exchange -> {
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, keys.length);
                exchange.getResponseBody().write(keys);
                exchange.close();
            });
            server.start();
            return server;
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private WebTestClient.RequestHeadersSpec<?> admin() {
        return client.get().uri("/api/registry/departments").header(HttpHeaders.AUTHORIZATION, "Bearer " + ADMIN_KEY);
    }

    private WebTestClient.RequestHeadersSpec<?> cadre(String key, String spoof) {
        return client.get().uri("/api/records/resident/1").header(HttpHeaders.AUTHORIZATION, "Bearer " + key)
                .header("X-Forwarded-For", spoof).header("X-Fillonce-Principal", spoof);
    }
}
