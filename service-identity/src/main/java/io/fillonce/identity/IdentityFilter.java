package io.fillonce.identity;

import java.io.IOException;
import java.time.Clock;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Lets a request in only with the gateway's signed identity ({@link IdentityToken}), before any controller runs;
 * a refused one is a 401 problem saying why; a caller whose role the shared role table ({@link AccessTable}) does not
 * allow this request is a 403 problem, told first to the service's {@link RefusedRequests} if it has one. Past this
 * filter a controller gets the token's caller as a {@link VerifiedCaller} parameter ({@link VerifiedCallers});
 * this check, from the one role table, is the services' only role check. Health, readiness,
 * actuator and the OpenAPI document stay open. Registered by {@link IdentityConfiguration}.
 */
@Order(Ordered.HIGHEST_PRECEDENCE + 100)
class IdentityFilter extends OncePerRequestFilter {

    private static final List<String> OPEN = List.of("/livez", "/readyz", "/actuator", "/v3/api-docs",
            "/v3/api-docs.yaml", "/swagger-ui.html");
    private static final List<String> OPEN_UNDER = List.of("/actuator/", "/v3/api-docs/", "/swagger-ui/");

    private final IdentityToken tokens;
    private final AccessTable table = AccessTable.load();
    private final HandlerExceptionResolver problems;
    private final RefusedRequests refusals;

    /** {@code refusals}: null when the service audits no refusals. */
    IdentityFilter(IdentitySettings settings, HandlerExceptionResolver problems, RefusedRequests refusals) {
        this.tokens = new IdentityToken(settings.secretBytes(), settings.audience(), Clock.systemUTC());
        this.problems = problems;
        this.refusals = refusals;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.contains("..") || path.contains(";") || path.contains("%") || path.contains("//")) {
            return false;
        }
        return OPEN.contains(path) || OPEN_UNDER.stream().anyMatch(path::startsWith);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        VerifiedCaller caller;
        try {
            caller = tokens.verify(request.getHeader(IdentityToken.HEADER));
        }
        catch (InvalidIdentity e) {
            refuse(request, response, e, HttpServletResponse.SC_UNAUTHORIZED);
            return;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String refusal = table.refusal(request.getMethod(), path, caller);
        if (refusal != null) {
            try {
                if (refusals != null) {
                    refusals.refused(caller.principal(), request.getMethod(), path);
                }
            }
            catch (RuntimeException auditFailed) {
                refuse(request, response, auditFailed, HttpServletResponse.SC_SERVICE_UNAVAILABLE);
                return;
            }
            refuse(request, response, new RoleNotAllowed(refusal), HttpServletResponse.SC_FORBIDDEN);
            return;
        }
        VerifiedCallers.remember(request, caller);
        chain.doFilter(request, response);
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, RuntimeException why, int status)
            throws IOException {
        if (problems.resolveException(request, response, null, why) == null) {
            response.sendError(status, why.getMessage());
        }
    }
}
