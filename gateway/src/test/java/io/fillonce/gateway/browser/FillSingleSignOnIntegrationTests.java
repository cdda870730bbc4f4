package io.fillonce.gateway.browser;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.fillonce.gateway.GatewayTestBase;
import io.fillonce.gateway.PrincipalEntries;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cadre workspace's single sign-on in headless Chromium: where the gateway names an OAuth2 issuer and a public
 * browser client, the page signs the cadre in there with the authorization code flow and PKCE, and its calls then
 * carry the issuer's access token, which the gateway verifies and forwards as the cadre. The issuer here is a small
 * local one that checks what a real one would: the client, the redirect URI, the state travelling back, and that the
 * code verifier hashes to the challenge the authorization request carried.
 */
@ExtendWith(HeadlessChromium.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DirtiesContext
class FillSingleSignOnIntegrationTests extends GatewayTestBase {

    private static final String CLIENT = "fill-workspace";
    private static final StubService INTAKE = new StubService("intake");
    private static final StubService REGISTRY = new StubService("registry");
    private static final StubService SYNC = new StubService("sync");
    private static final Issuer ISSUER = new Issuer();

    ChromeDriver browser;

    @DynamicPropertySource
    static void stubs(DynamicPropertyRegistry registry) {
        registry.add("INTAKE_URL", INTAKE::url);
        registry.add("REGISTRY_URL", REGISTRY::url);
        registry.add("SYNC_URL", SYNC::url);
        registry.add("fillonce.security.jwt.issuer-uri", ISSUER::uri);
        registry.add("fillonce.security.jwt.browser-client-id", () -> CLIENT);
    }

    @BeforeAll
    void start() {
        INTAKE.answer("GET", "/api/forms", "{\"forms\": [{\"type\": \"resident\", \"schemaVersion\": 1, "
                + "\"title\": \"Resident\", \"x-l10n\": {\"zh-CN\": {\"title\": \"居民信息\"}}}]}");
        publishAndAwait(PrincipalEntries.cadre("c-probe", "sso-probe-key", "370602"), "sso-probe-key", "/api/forms");
        browser = HeadlessChromium.start();
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        ISSUER.stop();
        List.of(INTAKE, REGISTRY, SYNC).forEach(StubService::stop);
    }

    @Test
    void aCadreSignsInAtTheIssuerWithPkceAndItsCallsCarryTheIssuersToken() {
        client().get().uri("/fill/sign-in.json").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.issuer").isEqualTo(ISSUER.uri()).jsonPath("$.clientId").isEqualTo(CLIENT);
        client().get().uri("/fill/index.html").exchange().expectHeader().value("Content-Security-Policy",
                csp -> assertThat(csp).contains("connect-src 'self' " + ISSUER.origin()));

        browser.get("http://127.0.0.1:" + port + "/fill/index.html");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sso"))).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#type option[value=resident]")));

        assertThat(ISSUER.exchanged.get()).as("one code exchanged, its verifier matching its challenge").isOne();
        assertThat(browser.getCurrentUrl()).as("the code does not stay in the address bar")
                .endsWith("/fill/index.html");
        assertThat(INTAKE.requests()).anySatisfy(seen -> {
            assertThat(seen.path()).isEqualTo("/api/forms");
            assertThat(seen.role()).isEqualTo("CADRE");
        });
    }

    /**
     * A local OpenID issuer: discovery, an authorization endpoint that answers at once with a code for the
     * registered client and redirect URI, a token endpoint that hands out a signed access token for the code only
     * with the verifier whose SHA-256 is the challenge, and its key set. Cross-origin reads allowed, as an issuer
     * serving browser clients does.
     */
    private static final class Issuer {

        private final RSAKey key;
        private final HttpServer server;
        private final Map<String, String> challenges = new ConcurrentHashMap<>();
        private final Map<String, String> redirects = new ConcurrentHashMap<>();
        final AtomicInteger exchanged = new AtomicInteger();

        Issuer() {
            try {
                key = new RSAKeyGenerator(2048).keyID("sso").generate();
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            }
            catch (IOException | JOSEException e) {
                throw new IllegalStateException(e);
            }
            server.createContext("/realms/fillonce", this::handle);
            server.start();
        }

        String origin() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        String uri() {
            return origin() + "/realms/fillonce";
        }

        void stop() {
            server.stop(0);
        }

        private void handle(HttpExchange exchange) throws IOException {
            String path = exchange.getRequestURI().getPath().substring("/realms/fillonce".length());
            switch (path) {
                case "/.well-known/openid-configuration" -> respond(exchange, 200, """
                        {"issuer": "%1$s", "authorization_endpoint": "%1$s/auth", "token_endpoint": "%1$s/token",
                         "jwks_uri": "%1$s/certs"}""".formatted(uri()));
                case "/certs" -> respond(exchange, 200, new JWKSet(key.toPublicJWK()).toString());
                case "/auth" -> authorize(exchange, form(exchange.getRequestURI().getRawQuery()));
                case "/token" -> token(exchange, form(new String(exchange.getRequestBody().readAllBytes(),
                        StandardCharsets.UTF_8)));
                default -> respond(exchange, 404, "{}");
            }
        }

        private void authorize(HttpExchange exchange, Map<String, String> request) throws IOException {
            if (!CLIENT.equals(request.get("client_id")) || !"S256".equals(request.get("code_challenge_method"))
                    || !"code".equals(request.get("response_type"))
                    || !request.getOrDefault("redirect_uri", "").endsWith("/fill/index.html")) {
                respond(exchange, 400, "{\"error\": \"invalid_request\"}");
                return;
            }
            String code = "code-" + challenges.size();
            challenges.put(code, request.get("code_challenge"));
            redirects.put(code, request.get("redirect_uri"));
            exchange.getResponseHeaders().add("Location", request.get("redirect_uri") + "?code=" + code + "&state="
                    + request.get("state"));
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        }

        private void token(HttpExchange exchange, Map<String, String> request) throws IOException {
            String code = request.getOrDefault("code", "");
            String challenge = challenges.remove(code);
            if (challenge == null || !challenge.equals(s256(request.getOrDefault("code_verifier", "")))
                    || !CLIENT.equals(request.get("client_id"))
                    || !redirects.get(code).equals(request.get("redirect_uri"))) {
                respond(exchange, 400, "{\"error\": \"invalid_grant\"}");
                return;
            }
            exchanged.incrementAndGet();
            respond(exchange, 200, "{\"access_token\": \"" + accessToken() + "\", \"token_type\": \"Bearer\"}");
        }

        private String accessToken() {
            try {
                SignedJWT token = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                        .build(), new JWTClaimsSet.Builder().issuer(uri()).subject("c-sso")
                        .claim("fillonce_role", "CADRE").claim("fillonce_region", "370602")
                        .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(300))).build());
                token.sign(new RSASSASigner(key));
                return token.serialize();
            }
            catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }

        private static String s256(String verifier) {
            try {
                return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                        .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
            }
            catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        private static Map<String, String> form(String encoded) {
            Map<String, String> values = new HashMap<>();
            for (String pair : encoded == null ? new String[0] : encoded.split("&")) {
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    values.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
                }
            }
            return values;
        }

        private static void respond(HttpExchange exchange, int status, String json) throws IOException {
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseHeaders().add("Access-Control-Allow-Origin", "*");
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
