package io.fillonce.gateway.access;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Optional OAuth2 access tokens besides API keys: when {@code issuerUri} is set, a bearer token that is a JWT is
 * verified against that issuer's keys ({@code jwkSetUri}, or the {@code jwks_uri} of its OpenID discovery
 * document). Blank {@code issuerUri}: API keys only. {@code browserClientId}: a public client registered at the
 * issuer for the cadre workspace's sign-on (authorization code with PKCE); blank: the workspace takes API keys only.
 */
@ConfigurationProperties("fillonce.security.jwt")
record JwtSettings(String issuerUri, String jwkSetUri, String browserClientId) {

    boolean enabled() {
        return issuerUri != null && !issuerUri.isBlank();
    }

    /** Whether the cadre workspace offers signing in at the issuer. */
    boolean browserSignIn() {
        return enabled() && browserClientId != null && !browserClientId.isBlank();
    }

    JwtSettings {
        for (String uri : new String[] {issuerUri, jwkSetUri}) {
            if (uri != null && !uri.isBlank() && !URI.create(uri).isAbsolute()) {
                throw new IllegalArgumentException("fillonce.security.jwt URIs must be absolute, got " + uri);
            }
        }
    }
}
