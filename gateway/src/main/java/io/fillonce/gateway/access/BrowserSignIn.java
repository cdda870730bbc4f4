package io.fillonce.gateway.access;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/**
 * The cadre workspace's optional single sign-on. Where the gateway accepts OAuth2 access tokens
 * ({@code FILLONCE_JWT_ISSUER_URI}) and a public browser client is registered at that issuer
 * ({@code FILLONCE_JWT_BROWSER_CLIENT_ID}), {@value #PATH} tells the page the issuer and the client: the page signs
 * the cadre in with the authorization code flow and PKCE (S256), and sends the access token as its bearer token,
 * verified here like any OAuth2 token (its {@code fillonce_role} must be CADRE for the workspace's calls). Otherwise
 * {@value #PATH} is a 404 and the page takes API keys only. Public: it names an issuer and a public client id, no
 * secret.
 */
@Configuration(proxyBeanMethods = false)
public class BrowserSignIn {

    static final String PATH = "/fill/sign-in.json";

    private final JwtSettings settings;

    BrowserSignIn(JwtSettings settings) {
        this.settings = settings;
    }

    @Bean
    RouterFunction<ServerResponse> browserSignInSettings() {
        return RouterFunctions.route().GET(PATH, request -> settings.browserSignIn()
                ? ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).cacheControl(CacheControl.noStore())
                        .bodyValue(Map.of("issuer", settings.issuerUri(), "clientId", settings.browserClientId()))
                : Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND,
                        "This gateway offers the workspace no single sign-on: sign in with a key."))).build();
    }

    /**
     * The issuer's origin ({@code scheme://host[:port]}) when the workspace signs in there: its page may then talk
     * to it (OpenID discovery, the token endpoint), and to nothing else outside this origin.
     */
    public Optional<String> issuerOrigin() {
        if (!settings.browserSignIn()) {
            return Optional.empty();
        }
        URI issuer = URI.create(settings.issuerUri());
        return Optional.of(issuer.getScheme() + "://" + issuer.getRawAuthority());
    }
}
