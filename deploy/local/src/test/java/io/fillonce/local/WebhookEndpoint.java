package io.fillonce.local;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;

/**
 * A department's webhook endpoint on loopback (the local stack lets sync post to it): answers 204, or 500 while
 * told to fail, and keeps the {@code webhook-id} of every post it took.
 */
final class WebhookEndpoint implements AutoCloseable {

    private final HttpServer server;
    private final List<String> taken = new CopyOnWriteArrayList<>();
    private volatile boolean failing;

    WebhookEndpoint() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            int status = failing ? 500 : 204;
            if (!failing) {
                taken.add(exchange.getRequestHeaders().getFirst("webhook-id"));
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

    @Override
    public void close() {
        server.stop(0);
    }
}
