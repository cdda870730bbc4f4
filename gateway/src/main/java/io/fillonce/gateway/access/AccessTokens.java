package io.fillonce.gateway.access;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.fillonce.gateway.principal.Principal;
import io.fillonce.gateway.principal.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Verifies OAuth2 access tokens (JWT, RS256/ES256) of the configured issuer and reads the principal from them:
 * {@code fillonce_role} (ADMIN, CADRE, DEPARTMENT, OPS), {@code fillonce_department} (DEPARTMENT, required),
 * {@code fillonce_region} (CADRE); the principal id is {@code department:<department>} or {@code <role>:<sub>}.
 * Blocking (the key set may be fetched): call it off the event loop.
 */
@Component
class AccessTokens {

    private static final Logger log = LoggerFactory.getLogger(AccessTokens.class);
    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256);

    private final JwtSettings settings;
    private final JsonMapper json;
    private volatile DefaultJWTProcessor<SecurityContext> processor;

    AccessTokens(JwtSettings settings, JsonMapper json) {
        this.settings = settings;
        this.json = json;
    }

    boolean enabled() {
        return settings.enabled();
    }

    static boolean looksLikeJwt(String token) {
        return token.chars().filter(c -> c == '.').count() == 2;
    }

    /** Empty when the token is not a valid, current access token of the issuer naming a known role. */
    Optional<Principal> principalOf(String token) {
        try {
            return toPrincipal(processor().process(token, null));
        }
        catch (Exception e) {
            log.debug("Access token refused: {}", e.getMessage());
            return Optional.empty();
        }
    }

    private static Optional<Principal> toPrincipal(JWTClaimsSet claims) throws java.text.ParseException {
        String roleName = claims.getStringClaim("fillonce_role");
        Role role = java.util.Arrays.stream(Role.values()).filter(candidate -> candidate.name().equals(roleName))
                .findFirst().orElse(null);
        String department = claims.getStringClaim("fillonce_department");
        if (role == null || role == Role.DEPARTMENT && (department == null || department.isBlank())) {
            return Optional.empty();
        }
        if (role == Role.DEPARTMENT) {
            return Optional.of(new Principal("department:" + department, role, department, null));
        }
        String region = role == Role.CADRE ? claims.getStringClaim("fillonce_region") : null;
        return Optional.of(new Principal(role.name().toLowerCase() + ":" + claims.getSubject(), role, null, region));
    }

    private DefaultJWTProcessor<SecurityContext> processor() throws IOException, InterruptedException {
        DefaultJWTProcessor<SecurityContext> current = processor;
        if (current == null) {
            synchronized (this) {
                if (processor == null) {
                    processor = build(jwkSetUrl());
                }
                current = processor;
            }
        }
        return current;
    }

    private DefaultJWTProcessor<SecurityContext> build(URL jwkSet) {
        JWKSource<SecurityContext> keys = JWKSourceBuilder.create(jwkSet).retrying(true).build();
        DefaultJWTProcessor<SecurityContext> built = new DefaultJWTProcessor<>();
        built.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys));
        built.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(
                new JWTClaimsSet.Builder().issuer(settings.issuerUri()).build(), Set.of("sub", "exp", "iat")));
        return built;
    }

    private URL jwkSetUrl() throws IOException, InterruptedException {
        if (settings.jwkSetUri() != null && !settings.jwkSetUri().isBlank()) {
            return URI.create(settings.jwkSetUri()).toURL();
        }
        String issuer = settings.issuerUri().replaceAll("/+$", "");
        HttpRequest discovery = HttpRequest.newBuilder(URI.create(issuer + "/.well-known/openid-configuration"))
                .timeout(Duration.ofSeconds(5)).build();
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String body = client.send(discovery, HttpResponse.BodyHandlers.ofString()).body();
        return URI.create(json.readTree(body).path("jwks_uri").asString()).toURL();
    }
}
