package io.fillonce.bench.platform;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import io.fillonce.bench.platform.Http.Answer;
import tools.jackson.databind.JsonNode;

/** The platform's public API as the bench uses it, all through the gateway: admin, cadre and ops calls. */
public final class Gateway {

    private static final int ADMIN_ATTEMPTS = 10;

    private final Http http;
    private final URI base;
    private final Map<String, String> admin;

    public Gateway(Http http, URI base, String adminKey) {
        this.http = http;
        this.base = base;
        this.admin = Http.bearer(adminKey);
    }

    public URI uri(String path) {
        return base.resolve(path);
    }

    public Answer adminGet(String path) throws IOException, InterruptedException {
        return patiently(() -> http.get(uri(path), admin));
    }

    public Answer adminPost(String path, JsonNode body) throws IOException, InterruptedException {
        return patiently(() -> http.postJson(uri(path), admin, body));
    }

    private interface Call {

        Answer send() throws IOException, InterruptedException;
    }

    /**
     * Admin calls set the bench up; they are not the load measured. The gateway limits each key's rate, so a 429
     * waits as long as its Retry-After says (at least 100 ms) and asks again, a few times.
     */
    private static Answer patiently(Call call) throws IOException, InterruptedException {
        Answer answer = call.send();
        for (int attempt = 1; answer.status() == 429 && attempt < ADMIN_ATTEMPTS; attempt++) {
            Thread.sleep(Math.max(100, answer.retryAfter().toMillis()));
            answer = call.send();
        }
        return answer;
    }

    public Answer cadrePost(String path, String cadreKey, JsonNode body) throws IOException, InterruptedException {
        return http.postJson(uri(path), Http.bearer(cadreKey), body);
    }

    /** Starts a bulk upload as the cadre; the job's path to poll. */
    String upload(String type, String ndjson, String cadreKey) throws IOException, InterruptedException {
        Answer answer = http.post(uri("/api/records/" + type + "/batch"), Http.bearer(cadreKey),
                "application/x-ndjson", ndjson, Duration.ofMinutes(5));
        if (answer.status() != 202 || answer.location() == null) {
            throw new IllegalStateException("the bulk upload was not accepted: " + answer.describe());
        }
        return answer.location();
    }

    /** A bulk upload's job (state RUNNING, DONE or FAILED, accepted, rejected, …), without its line results. */
    JsonNode job(String location, String cadreKey) throws IOException, InterruptedException {
        Answer answer = http.get(uri(location + (location.contains("?") ? "&" : "?") + "limit=1"),
                Http.bearer(cadreKey));
        if (!answer.ok()) {
            throw new IllegalStateException("cannot read the bulk upload's job " + location + ": " + answer.describe());
        }
        return answer.body();
    }

    /** The first rejected lines of a job, to say why. */
    JsonNode rejectedLines(String location, String cadreKey) throws IOException, InterruptedException {
        return http.get(uri(location + "?limit=5"), Http.bearer(cadreKey)).body().path("results");
    }

    /** intake's outbox backlog ({@code /api/ops/relay-backlog}), or null when the platform does not show it. */
    public Long relayBacklog() throws IOException, InterruptedException {
        Answer answer = adminGet("/api/ops/relay-backlog");
        JsonNode value = answer.body().path("measurements").path(0).path("value");
        return answer.ok() && value.isNumber() ? value.asLong() : null;
    }

    /** The newest backfill job of a subscription ({@code /api/ops/backfills?subscription=}), or null. */
    JsonNode backfillOf(String subscription) throws IOException, InterruptedException {
        Answer answer = adminGet("/api/ops/backfills?subscription="
                + URLEncoder.encode(subscription, StandardCharsets.UTF_8));
        JsonNode items = answer.body().path("items");
        return answer.ok() && items.size() > 0 ? items.get(items.size() - 1) : null;
    }
}
