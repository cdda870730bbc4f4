package io.fillonce.gateway.access;

import java.util.Optional;

import io.fillonce.gateway.principal.KeyHash;
import io.fillonce.gateway.principal.Principal;
import io.fillonce.gateway.principal.PrincipalView;
import io.fillonce.gateway.problem.ProblemType;
import io.fillonce.gateway.problem.Problems;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The front door check for {@code /api/**}, before any route is chosen: a known active API key (else 401), a rule
 * for the path and method (else 404, deny by default), a role that rule allows and, for department-scoped rules,
 * the principal's own department in the path (else 403). The request then goes
 * on carrying the principal's identity headers and nothing a client claimed about itself. Other paths (probes,
 * health) pass, stripped of client-sent identity headers too.
 */
@Component
class ApiKeyFilter implements WebFilter, Ordered {

    static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 10;
    private static final PathPattern API = PathPatternParser.defaultInstance.parse("/api/**");
    private static final String CHALLENGE = "Bearer realm=\"fillonce\"";

    private final PrincipalView principals;
    private final AccessRules rules;
    private final Problems problems;
    private final AccessTokens tokens;

    ApiKeyFilter(PrincipalView principals, AccessRules rules, Problems problems, AccessTokens tokens) {
        this.tokens = tokens;
        this.principals = principals;
        this.rules = rules;
        this.problems = problems;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        Problems.rememberClientPath(exchange);
        PathContainer path = exchange.getRequest().getPath().pathWithinApplication();
        if (!API.matches(path)) {
            return chain.filter(IdentityHeaders.anonymous(exchange));
        }
        if (!PlainPaths.isPlain(path)) {
            return problems.write(exchange, ProblemType.BAD_REQUEST, "The path must not contain empty or dot "
                    + "segments, encoded slashes or backslashes, or matrix parameters.");
        }
        HttpHeaders headers = exchange.getRequest().getHeaders();
        Optional<String> key = BearerKey.from(headers);
        if (key.isEmpty()) {
            return unauthenticated(exchange, !BearerKey.isPresent(headers));
        }
        if (tokens.enabled() && AccessTokens.looksLikeJwt(key.get())) {
            return Mono.fromCallable(() -> tokens.principalOf(key.get()))
                    .subscribeOn(Schedulers.boundedElastic())
                    .flatMap(principal -> principal.map(found -> authorize(exchange, chain, found))
                            .orElseGet(() -> invalidKey(exchange)));
        }
        return principals.findByKeyHash(KeyHash.of(key.get()))
                .map(principal -> authorize(exchange, chain, principal))
                .orElseGet(() -> invalidKey(exchange));
    }

    private Mono<Void> authorize(ServerWebExchange exchange, WebFilterChain chain, Principal principal) {
        Principals.set(exchange, principal);
        ServerHttpRequest request = exchange.getRequest();
        Optional<AccessRule> rule = rules.ruleFor(request.getPath().pathWithinApplication(), request.getMethod());
        if (rule.isEmpty()) {
            return problems.write(exchange, ProblemType.NOT_FOUND,
                    "No resource at " + request.getMethod() + " " + request.getPath().value() + ".");
        }
        if (!rule.get().allows(principal.role())) {
            return problems.write(exchange, ProblemType.FORBIDDEN, "Role " + principal.role() + " may not use "
                    + request.getMethod() + " " + rule.get().pathPattern() + "; allowed roles: "
                    + rule.get().roles().stream().sorted().toList() + ".");
        }
        if (!rule.get().allowsObject(request.getPath().pathWithinApplication(), principal)) {
            return problems.write(exchange, ProblemType.FORBIDDEN, principal.id() + " may only use its own "
                    + "department's resources under " + rule.get().pathPattern() + ".");
        }
        return chain.filter(IdentityHeaders.of(exchange, principal));
    }

    private Mono<Void> unauthenticated(ServerWebExchange exchange, boolean missing) {
        if (missing) {
            exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE);
            return problems.write(exchange, ProblemType.UNAUTHENTICATED,
                    "Send the API key as 'Authorization: Bearer <key>'.");
        }
        exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE + ", error=\"invalid_request\"");
        return problems.write(exchange, ProblemType.UNAUTHENTICATED,
                "The Authorization header must be exactly one 'Bearer <key>'.");
    }

    private Mono<Void> invalidKey(ServerWebExchange exchange) {
        exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE + ", error=\"invalid_token\"");
        return problems.write(exchange, ProblemType.UNAUTHENTICATED,
                "The API key (or access token) is unknown, revoked, expired or inactive.");
    }
}
