package io.fillonce.intake;

import io.fillonce.identity.TestCallers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A caller's view of intake-service over real HTTP (by default cadre c-0001 of region 370602), identified the way the
 * gateway forwards identities.
 */
public final class IntakeClient {

    public static final String CADRE = "cadre:c-0001";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newHttpClient();

    private final String base;

    private final Supplier<Map<String, String>> caller;

    public IntakeClient(int port) {
        this(port, () -> TestCallers.cadre("c-0001", "370602"));
    }

    private IntakeClient(int port, Supplier<Map<String, String>> caller) {
        this.base = "http://127.0.0.1:" + port;
        this.caller = caller;
    }

    /** The same service as another caller, e.g. {@code () -> TestCallers.cadre("c-9", "110101")} (fresh tokens). */
    public IntakeClient as(Supplier<Map<String, String>> other) {
        return new IntakeClient(Integer.parseInt(base.substring(base.lastIndexOf(':') + 1)), other);
    }

    public HttpResponse<String> submit(String type, String json) {
        return send(HttpRequest.newBuilder(URI.create(base + "/api/records/" + type))
                .header("Content-Type", "application/json")
                .headers(identity())
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** A request as the cadre, with extra headers given as name, value pairs. */
    public HttpResponse<String> send(String method, String path, String contentType, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .headers(identity())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request);
    }

    /** A request as the cadre with a binary body (or none), answered as bytes: spreadsheets. */
    public HttpResponse<byte[]> sendBytes(String method, String path, String contentType, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .headers(identity())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<String> current(String type, String entityKey) {
        return send(HttpRequest.newBuilder(URI.create(base + "/api/records/" + type + "/" + entityKey))
                .headers(identity()));
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)));
    }

    /** Waits until {@code /readyz} answers 200. */
    public void awaitReady() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            HttpResponse<String> ready = get("/readyz");
            assertThat(ready.statusCode()).as("intake-service ready: %s", ready.body()).isEqualTo(200);
        });
    }

    /** Waits (a minute at most) until the bulk upload's job at {@code location} has stopped RUNNING; its view. */
    public JsonNode finishedJob(String location) {
        return await().alias("the bulk upload at " + location + " to finish").atMost(Duration.ofMinutes(1))
                .until(() -> JSON.readTree(send("GET", location, null, null).body()),
                        job -> !"RUNNING".equals(job.path("state").asString()));
    }

    /** The caller's identity headers as name, value pairs (from {@link TestCallers}). */
    private String[] identity() {
        return caller.get().entrySet().stream()
                .flatMap(header -> Stream.of(header.getKey(), header.getValue()))
                .toArray(String[]::new);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
