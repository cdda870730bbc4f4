package io.fillonce.bench.platform;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

/**
 * HTTP as the bench speaks it: JSON in and out, a bearer key (through the gateway) or the signed identity headers
 * (straight to intake), HTTP/1.1 (the JDK client's h2c upgrade of a request with a body is not answered by Tomcat).
 */
public final class Http {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).executor(Executors.newCachedThreadPool(daemon())).build();

    /**
     * An answer: its status, its body as JSON (missing when it is not JSON), its Location if any, and what a 429 or
     * 503 asked the caller to wait (Retry-After in seconds; zero when there is none).
     */
    public record Answer(int status, JsonNode body, String location, Duration retryAfter) {

        public boolean ok() {
            return status >= 200 && status < 300;
        }

        public String describe() {
            return status + " " + (body.isMissingNode() ? "" : body.toString());
        }
    }

    public Answer get(URI uri, Map<String, String> headers) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri).GET(), headers, TIMEOUT);
    }

    public Answer postJson(URI uri, Map<String, String> headers, JsonNode body)
            throws IOException, InterruptedException {
        return send(json(uri, headers, body.toString()), Map.of(), TIMEOUT);
    }

    Answer post(URI uri, Map<String, String> headers, String contentType, String body, Duration timeout)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        return send(request, headers, timeout);
    }

    /** Sends without waiting: the status, or the failure as it happened. */
    CompletableFuture<Integer> postJsonAsync(URI uri, Map<String, String> headers, String body) {
        return client.sendAsync(json(uri, headers, body).timeout(TIMEOUT).build(),
                HttpResponse.BodyHandlers.discarding()).thenApply(HttpResponse::statusCode);
    }

    private static HttpRequest.Builder json(URI uri, Map<String, String> headers, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return request;
    }

    private Answer send(HttpRequest.Builder request, Map<String, String> headers, Duration timeout)
            throws IOException, InterruptedException {
        headers.forEach(request::header);
        HttpResponse<String> response = client.send(request.timeout(timeout).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode body;
        try {
            body = response.body().isBlank() ? MissingNode.getInstance() : JSON.readTree(response.body());
        }
        catch (RuntimeException notJson) {
            body = MissingNode.getInstance();
        }
        Duration retryAfter = response.headers().firstValue("Retry-After")
                .filter(seconds -> seconds.matches("\\d{1,4}"))
                .map(seconds -> Duration.ofSeconds(Long.parseLong(seconds)))
                .orElse(Duration.ZERO);
        return new Answer(response.statusCode(), body, response.headers().firstValue("Location").orElse(null),
                retryAfter);
    }

    public static Map<String, String> bearer(String key) {
        return Map.of("Authorization", "Bearer " + key);
    }

    private static java.util.concurrent.ThreadFactory daemon() {
        return runnable -> {
            Thread thread = new Thread(runnable, "http");
            thread.setDaemon(true);
            return thread;
        };
    }
}
