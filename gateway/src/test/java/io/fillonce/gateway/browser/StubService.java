package io.fillonce.gateway.browser;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in service behind the gateway for the browser tests: its OpenAPI document and readiness, canned JSON
 * answers by method and (decoded) path, and a 404 problem for anything else; it remembers every request it got. A
 * test changes an answer by giving a new one; a slow answer counts how many requests it holds at once.
 */
final class StubService {

    /** One request as the service saw it. */
    record Seen(String method, String path, String host, String role, String body) {
    }

    private final String name;
    private final HttpServer server;
    /** What the stub says to one method and path, after {@code delay}. */
    private record Answer(int status, String contentType, String body, Duration delay) {
    }

    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> held = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> mostHeld = new ConcurrentHashMap<>();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();

    StubService(String name) {
        this.name = name;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
        // more threads than one page's concurrent requests: a slow answer holds one
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/", this::handle);
        answer("GET", "/readyz", "{\"status\":\"UP\"}");
        answer("GET", "/v3/api-docs", "{\"openapi\":\"3.1.0\",\"info\":{\"title\":\"" + title() + "\",\"version\":\"1\"},"
                + "\"paths\":{\"/api/" + name + "/example\":{\"get\":{\"summary\":\"an example operation of " + name
                + "\",\"responses\":{\"200\":{\"description\":\"OK\"}}}}}}");
        server.start();
    }

    String title() {
        return name + "-service (stub)";
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers {@code method path} (decoded) with 200 and {@code json}. */
    StubService answer(String method, String path, String json) {
        answers.put(method + " " + path, new Answer(200, "application/json", json, Duration.ZERO));
        return this;
    }

    /** Answers {@code method path} with {@code status} and an RFC 9457 problem whose detail is {@code detail}. */
    StubService fail(String method, String path, int status, String detail) {
        answers.put(method + " " + path, new Answer(status, "application/problem+json", "{\"type\":\"about:blank\","
                + "\"status\":" + status + ",\"detail\":\"" + detail + "\"}", Duration.ZERO));
        return this;
    }

    /** Answers {@code method path} with {@code status} and {@code json} as it is (a problem with errors, a 201). */
    StubService answer(String method, String path, int status, String contentType, String json) {
        answers.put(method + " " + path, new Answer(status, contentType, json, Duration.ZERO));
        return this;
    }

    /** Answers {@code method path} with 200 and {@code json} after {@code delay}; counts afresh how many it holds. */
    StubService answerSlowly(String method, String path, String json, Duration delay) {
        mostHeld.put(method + " " + path, new AtomicInteger());
        answers.put(method + " " + path, new Answer(200, "application/json", json, delay));
        return this;
    }

    /** The most requests for {@code method path} a slow answer held at the same time, since it was given. */
    int mostHeldAtOnce(String method, String path) {
        return mostHeld.getOrDefault(method + " " + path, new AtomicInteger()).get();
    }

    List<Seen> requests() {
        return seen;
    }

    void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        seen.add(new Seen(exchange.getRequestMethod(), path, exchange.getRequestHeaders().getFirst("Host"),
                exchange.getRequestHeaders().getFirst("X-Fillonce-Role"), body));
        String request = exchange.getRequestMethod() + " " + path;
        Answer answer = answers.get(request);
        if (answer != null) {
            hold(request, answer.delay());
            respond(exchange, answer.status(), answer.contentType(), answer.body());
            return;
        }
        respond(exchange, 404, "application/problem+json", "{\"type\":\"about:blank\",\"title\":\"Not Found\","
                + "\"status\":404,\"detail\":\"" + name + " has nothing at " + path + "\"}");
    }

    /** A slow service on purpose (the answer's set delay), counting how many requests it holds at once. */
    private void hold(String request, Duration delay) {
        if (delay.isZero()) {
            return;
        }
        AtomicInteger now = held.computeIfAbsent(request, r -> new AtomicInteger());
        mostHeld.computeIfAbsent(request, r -> new AtomicInteger()).accumulateAndGet(now.incrementAndGet(), Math::max);
        try {
            Thread.sleep(delay.toMillis());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        finally {
            now.decrementAndGet();
        }
    }

    private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
