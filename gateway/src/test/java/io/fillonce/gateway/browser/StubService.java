package io.fillonce.gateway.browser;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in service behind the gateway for the browser tests: its OpenAPI document and readiness, canned JSON
 * answers by method and (decoded) path, and a 404 problem for anything else; it remembers every request it got.
 */
final class StubService {

    /** One request as the service saw it. */
    record Seen(String method, String path, String host, String role, String body) {
    }

    private final String name;
    private final HttpServer server;
    private final Map<String, String> answers = new ConcurrentHashMap<>();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();

    StubService(String name) {
        this.name = name;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(2));
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
        answers.put(method + " " + path, json);
        return this;
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
        String json = answers.get(exchange.getRequestMethod() + " " + path);
        if (json != null) {
            respond(exchange, 200, "application/json", json);
            return;
        }
        respond(exchange, 404, "application/problem+json", "{\"type\":\"about:blank\",\"title\":\"Not Found\","
                + "\"status\":404,\"detail\":\"" + name + " has nothing at " + path + "\"}");
    }

    private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
