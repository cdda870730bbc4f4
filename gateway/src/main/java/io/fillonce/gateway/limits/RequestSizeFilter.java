package io.fillonce.gateway.limits;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.fillonce.gateway.problem.PayloadTooLargeException;
import io.fillonce.gateway.problem.ProblemType;
import io.fillonce.gateway.problem.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Weighs a request before anything else looks at it: request target (414), headers (431), declared body size
 * (413 up front) and, for bodies without a Content-Length, the bytes as they stream through (413 once the limit
 * is passed; nothing beyond the limit reaches the service). Reactor Netty's own, larger limits stay as a backstop.
 */
@Component
class RequestSizeFilter implements WebFilter, Ordered {

    static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 5;

    private final LimitSettings settings;
    private final PathPattern batchPaths;
    private final Problems problems;

    RequestSizeFilter(LimitSettings settings, Problems problems) {
        this.settings = settings;
        this.batchPaths = PathPatternParser.defaultInstance.parse(settings.batchPaths());
        this.problems = problems;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        Problems.rememberClientPath(exchange);
        if (request.getURI().getRawPath().length() + rawQueryLength(request) > settings.maxUriLength()) {
            return problems.write(exchange, ProblemType.URI_TOO_LONG,
                    "The request target must not be longer than " + settings.maxUriLength() + " characters.");
        }
        if (headerBytes(request.getHeaders()) > settings.maxHeaderSize().toBytes()) {
            return problems.write(exchange, ProblemType.HEADERS_TOO_LARGE,
                    "The request headers must not exceed " + settings.maxHeaderSize().toBytes() + " bytes in total.");
        }
        long limit = bodyLimit(request);
        long declared = request.getHeaders().getContentLength();
        if (declared > limit) {
            return problems.write(exchange, ProblemType.PAYLOAD_TOO_LARGE,
                    "The request body must not exceed " + limit + " bytes on this path; it declares " + declared + ".");
        }
        return chain.filter(exchange.mutate().request(new Counted(request, limit)).build());
    }

    long bodyLimit(ServerHttpRequest request) {
        boolean batch = batchPaths.matches(request.getPath().pathWithinApplication());
        return (batch ? settings.maxBatchBodySize() : settings.maxBodySize()).toBytes();
    }

    /** Bytes of the header block as sent: {@code name: value CRLF} per value. */
    static long headerBytes(HttpHeaders headers) {
        long total = 0;
        for (Map.Entry<String, List<String>> header : headers.headerSet()) {
            for (String value : header.getValue()) {
                total += header.getKey().length() + value.length() + 4;
            }
        }
        return total;
    }

    private static int rawQueryLength(ServerHttpRequest request) {
        String query = request.getURI().getRawQuery();
        return query == null ? 0 : query.length() + 1;
    }

    /** The body as it streams, failing with {@link PayloadTooLargeException} at the first byte over the limit. */
    private static final class Counted extends ServerHttpRequestDecorator {

        private final long limit;

        Counted(ServerHttpRequest delegate, long limit) {
            super(delegate);
            this.limit = limit;
        }

        @Override
        public Flux<DataBuffer> getBody() {
            AtomicLong seen = new AtomicLong();
            return super.getBody().handle((buffer, sink) -> {
                if (seen.addAndGet(buffer.readableByteCount()) > limit) {
                    DataBufferUtils.release(buffer);
                    sink.error(new PayloadTooLargeException(limit));
                    return;
                }
                sink.next(buffer);
            });
        }
    }
}
