package io.fillonce.local;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;

/**
 * A department's webhook endpoint on loopback (the local stack lets sync post to it): answers 204, or 500 while
 * told to fail, and keeps the {@code webhook-id}, the body and the Standard Webhooks headers of every post it took.
 */
final class WebhookEndpoint implements AutoCloseable {

    private final HttpServer server;
    private final List<String> taken = new CopyOnWriteArrayList<>();
    private final Map<String, String> bodies = new ConcurrentHashMap<>();
    private final Map<String, Map<String, String>> headers = new ConcurrentHashMap<>();
    private volatile boolean failing;

    WebhookEndpoint() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            int status = failing ? 500 : 204;
            if (!failing) {
                String id = exchange.getRequestHeaders().getFirst("webhook-id");
                taken.add(id);
                bodies.put(id, new String(body, StandardCharsets.UTF_8));
                Map<String, String> signed = new HashMap<>();
                for (String name : List.of("webhook-id", "webhook-timestamp", "webhook-signature", "fillonce-type")) {
                    signed.put(name, exchange.getRequestHeaders().getFirst(name));
                }
                headers.put(id, signed);
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    void failing(boolean failing) {
        this.failing = failing;
    }

    /** The webhook ids of the posts it answered 204. */
    List<String> taken() {
        return List.copyOf(taken);
    }

    /** The body of the post with {@code webhook-id} {@code id} it answered 204, or null. */
    String body(String id) {
        return bodies.get(id);
    }

    /** {@code webhook-id}, {@code webhook-timestamp}, {@code webhook-signature}, {@code fillonce-type} of that post. */
    Map<String, String> headers(String id) {
        return headers.get(id);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
