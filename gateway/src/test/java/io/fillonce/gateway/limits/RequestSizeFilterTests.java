package io.fillonce.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;

import io.fillonce.gateway.problem.PayloadTooLargeException;
import io.fillonce.gateway.problem.Problems;
import io.fillonce.gateway.problem.Refusals;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import tools.jackson.databind.json.JsonMapper;

class RequestSizeFilterTests {

    private final RequestSizeFilter filter = new RequestSizeFilter(new LimitSettings(DataSize.ofBytes(100),
            DataSize.ofBytes(1000), "/api/records/*/batch", DataSize.ofBytes(300), 64, null, null),
            new Problems(JsonMapper.builder().build(), new Refusals(new SimpleMeterRegistry())));
    private final AtomicReference<ServerHttpRequest> forwarded = new AtomicReference<>();
    private final WebFilterChain chain = exchange -> {
        forwarded.set(exchange.getRequest());
        return Mono.empty();
    };

    @Test
    void aDeclaredBodyOverTheLimitIsRefusedUpFront() {
        assertThat(status(MockServerHttpRequest.post("/api/records/resident").contentLength(101).body("x")))
                .isEqualTo(HttpStatus.CONTENT_TOO_LARGE);
        assertThat(forwarded.get()).isNull();
        assertThat(status(MockServerHttpRequest.post("/api/records/resident/batch").contentLength(1000).body("x")))
                .as("batch uploads have their own, larger limit").isNull();
    }

    @Test
    void aStreamedBodyFailsAtTheFirstByteOverTheLimit() {
        Flux<DataBuffer> chunks = Flux.range(0, 5).map(i -> DefaultDataBufferFactory.sharedInstance
                .wrap("x".repeat(30).getBytes(StandardCharsets.UTF_8)));
        filter.filter(MockServerWebExchange.from(MockServerHttpRequest.post("/api/records/resident")
                .header("Transfer-Encoding", "chunked").body(chunks)), chain).block();

        StepVerifier.create(forwarded.get().getBody().map(DataBufferUtils::release))
                .expectNextCount(3)
                .expectError(PayloadTooLargeException.class)
                .verify();
    }

    @Test
    void tooManyHeaderBytesAre431AndALongTargetIs414() {
        assertThat(status(MockServerHttpRequest.get("/api/records/x").header("X-Big", "v".repeat(300))))
                .isEqualTo(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE);
        assertThat(status(MockServerHttpRequest.get("/api/records/x?q=" + "a".repeat(60))))
                .isEqualTo(HttpStatus.URI_TOO_LONG);
        assertThat(status(MockServerHttpRequest.get("/api/records/x").header("X-Small", "v".repeat(200)))).isNull();
    }

    private HttpStatus status(MockServerHttpRequest.BaseBuilder<?> request) {
        return status(request.build());
    }

    private HttpStatus status(MockServerHttpRequest request) {
        MockServerWebExchange exchange = MockServerWebExchange.from(request);
        filter.filter(exchange, chain).block();
        var code = exchange.getResponse().getStatusCode();
        return code == null ? null : HttpStatus.valueOf(code.value());
    }
}
