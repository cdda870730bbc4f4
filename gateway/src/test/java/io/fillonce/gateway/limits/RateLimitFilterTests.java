package io.fillonce.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.fillonce.gateway.access.Principals;
import io.fillonce.gateway.principal.Principal;
import io.fillonce.gateway.principal.Role;
import io.fillonce.gateway.problem.Problems;
import io.fillonce.gateway.problem.Refusals;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

class RateLimitFilterTests {

    private static final Principal CADRE = new Principal("cadre:c-1", Role.CADRE, null, "370602");
    private static final Principal OTHER_CADRE = new Principal("cadre:c-2", Role.CADRE, null, "370602");
    private static final Principal OPS = new Principal("ops:o", Role.OPS, null, null);

    private final LimitSettings settings = new LimitSettings(null, null, null, null, null,
            Map.of(Role.CADRE, new LimitSettings.Rate(3, Duration.ofHours(1))), new LimitSettings.Rate(5, Duration.ofHours(1)));
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final RateLimitFilter filter = new RateLimitFilter(settings,
            new Problems(JsonMapper.builder().build(), new Refusals(meters)));
    private final AtomicInteger passed = new AtomicInteger();
    private final WebFilterChain chain = exchange -> {
        passed.incrementAndGet();
        return Mono.empty();
    };

    @Test
    void eachPrincipalHasTheBudgetOfItsRole() {
        assertThat(send(CADRE, 4)).isEqualTo(3);
        assertThat(send(OTHER_CADRE, 1)).as("another principal's budget is untouched").isEqualTo(1);
        assertThat(send(OPS, 6)).as("roles without an entry use the default").isEqualTo(5);
    }

    @Test
    void overTheLimitIsA429ProblemWithRetryAfter() {
        send(CADRE, 3);
        MockServerWebExchange exchange = exchange(CADRE, "spoof");

        filter.filter(exchange, chain).block();

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(exchange.getResponse().getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        long retryAfter = Long.parseLong(exchange.getResponse().getHeaders().getFirst(HttpHeaders.RETRY_AFTER));
        assertThat(retryAfter).isBetween(1L, 3600L);
        assertThat(exchange.getResponse().getBodyAsString().block()).contains("too-many-requests", "cadre:c-1");
        assertThat(meters.get("fillonce.gateway.refused").tag("reason", "rate-limited").counter().count())
                .isEqualTo(1);
    }

    @Test
    void headersTheClientControlsDoNotChangeTheKey() {
        for (int i = 0; i < 4; i++) {
            filter.filter(exchange(CADRE, "forwarded-" + i), chain).block();
        }

        assertThat(passed.get()).isEqualTo(3);
    }

    @Test
    void unauthenticatedRequestsAreNotCountedHere() {
        MockServerWebExchange probe = MockServerWebExchange.from(MockServerHttpRequest.get("/livez"));
        for (int i = 0; i < 10; i++) {
            filter.filter(probe, chain).block();
        }

        assertThat(passed.get()).isEqualTo(10);
    }

    private int send(Principal principal, int times) {
        int before = passed.get();
        for (int i = 0; i < times; i++) {
            filter.filter(exchange(principal, "x"), chain).block();
        }
        return passed.get() - before;
    }

    private static MockServerWebExchange exchange(Principal principal, String forwardedFor) {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/records/resident/1")
                .header("X-Forwarded-For", forwardedFor).header("X-Fillonce-Principal", forwardedFor));
        Principals.set(exchange, principal);
        return exchange;
    }
}
