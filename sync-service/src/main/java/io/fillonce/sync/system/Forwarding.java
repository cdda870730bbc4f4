package io.fillonce.sync.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;

/**
 * Answers a read whose entity lives on another sync instance by sending it the same request (method, path, query,
 * the gateway's signed identity) and passing its answer back. A forwarded request carries
 * {@value #FORWARDED}; one that arrives forwarded and is still not local is answered 503 instead of hopping again.
 */
final class Forwarding {

    static final String FORWARDED = "Fillonce-Forwarded";
    private static final List<String> PASSED = List.of("X-Fillonce-Identity", "Accept", "Accept-Language");
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    ResponseEntity<byte[]> forward(Elsewhere elsewhere, HttpServletRequest request) {
        if (request.getHeader(FORWARDED) != null) {
            throw new Unavailable("the entity's partition is moving between sync instances; try again shortly");
        }
        String target = elsewhere.baseUrl() + request.getRequestURI()
                + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        HttpRequest.Builder forwarded = HttpRequest.newBuilder(URI.create(target)).timeout(TIMEOUT)
                .header(FORWARDED, "true").method(request.getMethod(), HttpRequest.BodyPublishers.noBody());
        PASSED.forEach(name -> {
            String value = request.getHeader(name);
            if (value != null) {
                forwarded.header(name, value);
            }
        });
        try {
            HttpResponse<byte[]> answer = http.send(forwarded.build(), HttpResponse.BodyHandlers.ofByteArray());
            HttpHeaders headers = new HttpHeaders();
            answer.headers().firstValue(HttpHeaders.CONTENT_TYPE).ifPresent(type -> headers.set(HttpHeaders.CONTENT_TYPE, type));
            answer.headers().firstValue(HttpHeaders.RETRY_AFTER).ifPresent(after -> headers.set(HttpHeaders.RETRY_AFTER, after));
            return ResponseEntity.status(answer.statusCode()).headers(headers).body(answer.body());
        }
        catch (IOException e) {
            throw new Unavailable("the sync instance holding the entity cannot be reached; try again shortly");
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted while asking another sync instance");
        }
    }
}
