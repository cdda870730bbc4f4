package io.fillonce.gateway.access;

import java.util.Map;
import java.util.Optional;

import io.fillonce.gateway.principal.Principal;
import org.springframework.web.server.ServerWebExchange;

/** The authenticated principal of an exchange, for the checks that run after authentication. */
public final class Principals {

    private static final String ATTRIBUTE = Principals.class.getName() + ".principal";

    private Principals() {
    }

    /** Records who authenticated this exchange (the API key check). */
    public static void set(ServerWebExchange exchange, Principal principal) {
        exchange.getAttributes().put(ATTRIBUTE, principal);
    }

    /** Empty for requests that needed no authentication (probes) or failed it. */
    public static Optional<Principal> of(ServerWebExchange exchange) {
        return in(exchange.getAttributes());
    }

    /** {@link #of} from an exchange's attributes (as an observation of the exchange holds them). */
    public static Optional<Principal> in(Map<String, Object> attributes) {
        return Optional.ofNullable((Principal) attributes.get(ATTRIBUTE));
    }
}
