package io.fillonce.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Calling a service port directly gets no further than calling the gateway: the services believe only the identity
 * the gateway signs ({@code X-Fillonce-Identity}, keyed with {@code .fillonce/identity.key}), so plain identity
 * headers, or a token signed with any other key, are a 401; what Tomcat itself refuses is a problem, not its HTML page.
 * Run inside {@link LocalStackIntegrationTests}' stack.
 */
abstract class ServicePortChecks {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Map<String, String> PLAIN_ADMIN = Map.of("X-Fillonce-Principal", "admin:bootstrap",
            "X-Fillonce-Role", "ADMIN", "X-Fillonce-Department", "civil-affairs", "X-Fillonce-Region", "370602");

    abstract LocalStack stack();

    static Stream<Arguments> services() {
        return Stream.of(Arguments.of(LocalStack.INTAKE_PORT, "/api/records/resident/370602199001011234"),
                Arguments.of(LocalStack.SYNC_PORT, "/api/ops/dead-letters"),
                Arguments.of(LocalStack.REGISTRY_PORT, "/api/registry/record-types"));
    }

    /** The service behind each port, which the gateway names as a token's audience. */
    private static String audienceOf(int port) {
        return port == LocalStack.INTAKE_PORT ? "intake-service"
                : port == LocalStack.SYNC_PORT ? "sync-service" : "registry-service";
    }

    @ParameterizedTest(name = "port {0}")
    @MethodSource("services")
    void plainIdentityHeadersAreRefused(int port, String path) throws Exception {
        HttpResponse<String> answer = get(port, path, PLAIN_ADMIN);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(401);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(answer.body()).contains("X-Fillonce-Identity").doesNotContain("Li Mei", "resident\"");
    }

    @ParameterizedTest(name = "port {0}")
    @MethodSource("services")
    void onlyATokenSignedWithTheStacksKeyForThisServiceIsBelieved(int port, String path) throws Exception {
        String forged = token("a-key-that-is-not-the-local-stacks-identity-key", audienceOf(port));
        HttpResponse<String> refused = get(port, path, Map.of("X-Fillonce-Identity", forged));
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(401);
        assertThat(refused.body()).contains("signature");

        String another = audienceOf(port).equals("sync-service") ? "intake-service" : "sync-service";
        HttpResponse<String> elsewhere = get(port, path,
                Map.of("X-Fillonce-Identity", token(stack().identitySecret(), another)));
        assertThat(elsewhere.statusCode()).as(elsewhere.body()).isEqualTo(401);
        assertThat(elsewhere.body()).contains("not minted for " + audienceOf(port));

        String signed = token(stack().identitySecret(), audienceOf(port));
        HttpResponse<String> believed = get(port, path, Map.of("X-Fillonce-Identity", signed));
        assertThat(believed.statusCode()).as(believed.body()).isEqualTo(200);
    }

    @ParameterizedTest(name = "port {0}")
    @MethodSource("services")
    void pathsTheServletContainerRefusesAreProblemsToo(int port, String path) throws Exception {
        for (String refused : new String[] {path + "%00", path + "/a%2Fb", path + "/%c0%ae"}) {
            HttpResponse<String> answer = get(port, refused, Map.of());

            assertThat(answer.statusCode()).as(refused).isEqualTo(400);
            assertThat(answer.headers().firstValue("Content-Type")).as(refused).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(answer.body()).contains("percent-encoded UTF-8").doesNotContain("<html");
        }
    }

    @ParameterizedTest(name = "port {0}")
    @MethodSource("services")
    void readinessStaysOpen(int port, String path) throws Exception {
        assertThat(get(port, "/readyz", Map.of()).statusCode()).isEqualTo(200);
    }

    private static HttpResponse<String> get(int port, String path, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30));
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** An HS256 JWT with the claims the gateway signs (docs/conventions.md "Signed identity") for an admin. */
    private static String token(String secret, String audience) throws GeneralSecurityException {
        long now = Instant.now().getEpochSecond();
        String header = base64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims = base64("""
                {"iss":"fillonce-gateway","aud":"%s","sub":"admin:direct","role":"ADMIN",
                 "iat":%d,"exp":%d,"jti":"%s"}"""
                .formatted(audience, now, now + 60, UUID.randomUUID()).getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] signature = mac.doFinal((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
        return header + "." + claims + "." + base64(signature);
    }

    private static String base64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
