package io.fillonce.bench.faults;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A department's webhook endpoint on loopback, as a careful department would run one: it verifies each post's
 * Standard Webhooks signature with the department's secret (Standard Webhooks' own Java library) and answers 401
 * to a post that fails, 204 to the rest, and hands every verified shared version to the {@link Scoreboard}. It can
 * be taken down (the port refuses connections) and brought back on the same port.
 */
final class WebhookReceiver implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String department;
    private final Scoreboard scoreboard;
    private final AtomicLong badSignatures = new AtomicLong();
    private volatile Webhook verifier;
    private volatile HttpServer server;
    private int port;

    WebhookReceiver(String department, Scoreboard scoreboard) throws IOException {
        this.department = department;
        this.scoreboard = scoreboard;
        start();
    }

    String url() {
        return "http://127.0.0.1:" + port + "/hook";
    }

    /** The department's signing secret, as the registry answered it once. */
    void secret(String secret) {
        this.verifier = new Webhook(secret);
    }

    long badSignatures() {
        return badSignatures.get();
    }

    synchronized void down() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    synchronized void up() throws IOException {
        if (server == null) {
            start();
        }
    }

    private void start() throws IOException {
        HttpServer started = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        started.createContext("/hook", this::take);
        started.start();
        port = started.getAddress().getPort();
        server = started;
    }

    private void take(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, List<String>> headers = exchange.getRequestHeaders();
            Webhook current = verifier;
            try {
                if (current == null) {
                    throw new WebhookVerificationException("no secret yet");
                }
                current.verify(body, headers);
            }
            catch (WebhookVerificationException e) {
                badSignatures.incrementAndGet();
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            String type = exchange.getRequestHeaders().getFirst("fillonce-type");
            if ("fillonce.record.shared".equals(type)) {
                JsonNode payload = JSON.readTree(body);
                scoreboard.accept(department, payload.path("run").asString(""),
                        exchange.getRequestHeaders().getFirst("webhook-id"), payload.path("seq").asInt(-1),
                        Integer.parseInt(exchange.getRequestHeaders().getFirst("fillonce-entity-version")));
            }
            exchange.sendResponseHeaders(204, -1);
        }
    }

    @Override
    public void close() {
        down();
    }
}
