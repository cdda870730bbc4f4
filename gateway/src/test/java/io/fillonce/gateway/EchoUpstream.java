package io.fillonce.gateway;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.json.JsonMapper;

/** A stand-in service: answers with the method, path, body and headers it received; /status/409 answers 409, /slow takes 2 s,
 * /pause 300 ms, /drop closes the connection without an answer; every answer carries {@code X-Echo: 1}. It serves any
 * number of requests at once. */
final class EchoUpstream {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> SEEN = new CopyOnWriteArrayList<>();

    static HttpServer start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", EchoUpstream::handle);
        server.start();
        return server;
    }

    static List<String> requests() {
        return SEEN;
    }

    private static void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        SEEN.add(exchange.getRequestURI().toString());
        if (path.endsWith("/slow")) {
            sleep(2000);
        }
        if (path.endsWith("/pause")) {
            sleep(300);
        }
        if (path.endsWith("/drop")) {
            exchange.getRequestBody().readAllBytes();
            throw new IllegalStateException("dropping the connection without an answer, as a crashing service would");
        }
        if (path.endsWith("/status/409")) {
            respond(exchange, 409, "application/problem+json",
                    "{\"type\":\"about:blank\",\"title\":\"from upstream\",\"status\":409}");
            return;
        }
        Map<String, Object> echo = Map.of("method", exchange.getRequestMethod(), "path", path,
                "body", new String(exchange.getRequestBody().readAllBytes()), "headers", headers(exchange));
        respond(exchange, 200, "application/json", JSON.writeValueAsString(echo));
    }

    private static Map<String, List<String>> headers(HttpExchange exchange) {
        Map<String, List<String>> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values));
        return headers;
    }

    private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("X-Echo", "1");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    /** A slow upstream on purpose (paths ending /slow or /pause): what the gateway does meanwhile is tested. */
    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
