package io.fillonce.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Calls the platform through the gateway, as curl would in the README's walk-through. */
final class GatewayClient {

    static final JsonMapper JSON = JsonMapper.builder().build();

    record Reply(int status, JsonNode body) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    GatewayClient(String base) {
        this.base = base;
    }

    Reply post(String path, String apiKey, String json) throws IOException, InterruptedException {
        return post(path, apiKey, json, Map.of());
    }

    /** A POST with more headers, e.g. the client's own W3C {@code traceparent}. */
    Reply post(String path, String apiKey, String json, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        headers.forEach(request::header);
        return send(request, apiKey);
    }

    Reply put(String path, String apiKey, String json) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)), apiKey);
    }

    Reply get(String path, String apiKey) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), apiKey);
    }

    private Reply send(HttpRequest.Builder request, String apiKey) throws IOException, InterruptedException {
        request.timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + apiKey);
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        String body = response.body();
        return new Reply(response.statusCode(), body == null || body.isBlank() ? null : JSON.readTree(body));
    }
}
