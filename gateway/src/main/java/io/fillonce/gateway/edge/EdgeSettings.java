package io.fillonce.gateway.edge;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param trustedProxies  IP addresses (literals) whose {@code X-Forwarded-*} / {@code Forwarded} headers are kept;
 *                        from anyone else they are removed before routing. Default: none.
 * @param allowedOrigins  browser origins allowed to call the API cross-origin (exact, e.g.
 *                        {@code https://console.example.org}). Default: none, so no CORS headers at all.
 */
@ConfigurationProperties("fillonce.edge")
record EdgeSettings(List<String> trustedProxies, List<String> allowedOrigins) {

    EdgeSettings {
        trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
        allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
        for (String origin : allowedOrigins) {
            if (origin.equals("*") || !origin.matches("^https?://[^/*\\s]+$")) {
                throw new IllegalArgumentException("fillonce.edge.allowed-origins takes exact origins like "
                        + "https://console.example.org, got '" + origin + "'");
            }
        }
    }
}
