package io.fillonce.gateway.problem;

import java.net.URI;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes {@code application/problem+json} answers straight onto an exchange (filters, error handler, fallback); the
 * refusals among them are counted ({@link Refusals}).
 */
@Component
public class Problems {

    private static final String CLIENT_PATH_ATTR = Problems.class.getName() + ".clientPath";
    private static final URI ABOUT_BLANK = URI.create("about:blank");

    private final JsonMapper json;
    private final Refusals refusals;

    public Problems(JsonMapper json, Refusals refusals) {
        this.json = json;
        this.refusals = refusals;
    }

    public Mono<Void> write(ServerWebExchange exchange, ProblemType type, String detail) {
        refusals.answered(type);
        return write(exchange, Problem.of(type, detail, instance(exchange)));
    }

    /** A status the gateway has no problem type of its own for ({@code type} is then {@code about:blank}). */
    Mono<Void> write(ServerWebExchange exchange, HttpStatusCode status, String detail) {
        String title = status instanceof HttpStatus known ? known.getReasonPhrase() : "HTTP " + status.value();
        return write(exchange, new Problem(ABOUT_BLANK, title, status.value(), detail, instance(exchange)));
    }

    /** Remembers the path the client asked for, before any forward (a circuit breaker's fallback) changes it. */
    public static void rememberClientPath(ServerWebExchange exchange) {
        exchange.getAttributes().putIfAbsent(CLIENT_PATH_ATTR, exchange.getRequest().getPath().value());
    }

    private static String instance(ServerWebExchange exchange) {
        return exchange.getAttributeOrDefault(CLIENT_PATH_ATTR, exchange.getRequest().getPath().value());
    }

    private Mono<Void> write(ServerWebExchange exchange, Problem problem) {
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(HttpStatusCode.valueOf(problem.status()));
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        DataBuffer body = response.bufferFactory().wrap(json.writeValueAsBytes(problem));
        return response.writeWith(Mono.just(body));
    }
}
