package io.fillonce.gateway.access;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Optional OAuth2 access tokens besides API keys: when {@code issuerUri} is set, a bearer token that is a JWT is
 * verified against that issuer's keys ({@code jwkSetUri}, or the {@code jwks_uri} of its OpenID discovery
 * document). Blank {@code issuerUri}: API keys only.
 */
@ConfigurationProperties("fillonce.security.jwt")
record JwtSettings(String issuerUri, String jwkSetUri) {

    boolean enabled() {
        return issuerUri != null && !issuerUri.isBlank();
    }

    JwtSettings {
        for (String uri : new String[] {issuerUri, jwkSetUri}) {
            if (uri != null && !uri.isBlank() && !URI.create(uri).isAbsolute()) {
                throw new IllegalArgumentException("fillonce.security.jwt URIs must be absolute, got " + uri);
            }
        }
    }
}
