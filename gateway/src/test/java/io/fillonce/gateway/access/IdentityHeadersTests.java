package io.fillonce.gateway.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.fillonce.gateway.principal.Principal;
import io.fillonce.gateway.principal.Role;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;

class IdentityHeadersTests {

    private final MockServerWebExchange forged = MockServerWebExchange.from(MockServerHttpRequest
            .get("/api/feeds/civil-affairs")
            .header(HttpHeaders.AUTHORIZATION, "Bearer k")
            .header("x-fillonce-principal", "admin:evil")
            .header("X-FILLONCE-ROLE", "ADMIN")
            .header("X-Fillonce-Region", "1")
            .header("X-Fillonce-Identity", "forged.token.value")
            .header("X-Request-Id", "r-1"));

    @Test
    void forwardsTheDepartmentOfADepartmentPrincipalAndNothingTheClientClaimed() {
        Principal department = new Principal("department:civil-affairs", Role.DEPARTMENT, "civil-affairs", null);

        HttpHeaders sent = IdentityHeaders.of(forged, department).getRequest().getHeaders();

        assertThat(sent.get("X-Fillonce-Principal")).containsExactly("department:civil-affairs");
        assertThat(sent.get("X-Fillonce-Role")).containsExactly("DEPARTMENT");
        assertThat(sent.get("X-Fillonce-Department")).containsExactly("civil-affairs");
        assertThat(sent.containsHeader("X-Fillonce-Region")).isFalse();
        assertThat(sent.containsHeader("X-Fillonce-Identity")).as("minted per route, never passed on").isFalse();
        assertThat(sent.containsHeader(HttpHeaders.AUTHORIZATION)).as("the API key stays at the gateway").isFalse();
        assertThat(sent.get("X-Request-Id")).containsExactly("r-1");
    }

    @Test
    void anonymousRequestsLoseEveryIdentityHeader() {
        ServerWebExchange anonymous = IdentityHeaders.anonymous(forged);

        assertThat(anonymous.getRequest().getHeaders().headerNames())
                .noneMatch(name -> name.toLowerCase().startsWith("x-fillonce-"))
                .contains("X-Request-Id");
    }
}
