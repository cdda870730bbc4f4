package io.fillonce.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

class ForwardedHeadersTests {

    private final ForwardedHeaders filter = new ForwardedHeaders(new EdgeSettings(List.of("10.0.0.5", "::1"), null));

    @Test
    void aTrustedProxyIsBelievedAndHttpsIsNoted() {
        ServerWebExchange passed = pass(from("10.0.0.5"));

        assertThat(passed.getRequest().getHeaders().getFirst("X-Forwarded-For")).isEqualTo("6.6.6.6");
        assertThat(passed.getRequest().getHeaders().getFirst("Forwarded")).isNotNull();
        assertThat(passed.<Boolean>getAttribute(ForwardedHeaders.SECURE_ATTRIBUTE)).isTrue();
        assertThat(pass(from("0:0:0:0:0:0:0:1")).getRequest().getHeaders().getFirst("X-Forwarded-For"))
                .as("addresses compare in normal form").isEqualTo("6.6.6.6");
    }

    @Test
    void anyoneElseLosesEveryForwardedHeader() {
        ServerWebExchange passed = pass(from("10.0.0.6"));

        assertThat(passed.getRequest().getHeaders().headerNames()).noneMatch(ForwardedHeaders::isForwarded)
                .contains("X-Other");
        assertThat(passed.<Boolean>getAttribute(ForwardedHeaders.SECURE_ATTRIBUTE)).isNull();
    }

    @Test
    void noProxiesByDefaultAndNoHostNames() {
        ForwardedHeaders none = new ForwardedHeaders(new EdgeSettings(null, null));
        AtomicReference<ServerWebExchange> seen = new AtomicReference<>();
        none.filter(from("10.0.0.5"), exchange -> {
            seen.set(exchange);
            return Mono.empty();
        }).block();

        assertThat(seen.get().getRequest().getHeaders().headerNames()).noneMatch(ForwardedHeaders::isForwarded);
        assertThatIllegalArgumentException().isThrownBy(() -> new ForwardedHeaders(
                new EdgeSettings(List.of("proxy.example.org"), null)));
        assertThatIllegalArgumentException().isThrownBy(() -> new EdgeSettings(null, List.of("*")));
    }

    private ServerWebExchange pass(MockServerWebExchange exchange) {
        AtomicReference<ServerWebExchange> seen = new AtomicReference<>();
        filter.filter(exchange, passed -> {
            seen.set(passed);
            return Mono.empty();
        }).block();
        return seen.get();
    }

    private static MockServerWebExchange from(String address) {
        return MockServerWebExchange.from(MockServerHttpRequest.get("/api/records/x")
                .remoteAddress(new InetSocketAddress(address, 40000))
                .header("X-Forwarded-For", "6.6.6.6").header("x-forwarded-proto", "https")
                .header("Forwarded", "for=6.6.6.6;proto=https").header("X-Other", "kept"));
    }
}
