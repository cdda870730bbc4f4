package io.fillonce.sync;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A department's webhook endpoint stand-in on 127.0.0.1: records every request and answers a set status per path (or
 * per path and {@code fillonce-subject}); it can also go down (connections refused) and come back on the same port.
 */
final class WebhookReceiver implements AutoCloseable {

    /** One request as it arrived, with lower-case header names, and what the receiver answered. */
    record Received(String path, Map<String, String> headers, byte[] body, int status) {

        String text() {
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private final int port;
    private volatile HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> statuses = new ConcurrentHashMap<>();
    private final Map<String, Long> delays = new ConcurrentHashMap<>();

    private WebhookReceiver() throws IOException {
        server = listen(0);
        port = server.getAddress().getPort();
    }

    /** A receiver listening on a free port (a test class's static field). */
    static WebhookReceiver start() {
        try {
            return new WebhookReceiver();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    void answer(String path, int status) {
        statuses.put(path, status);
    }

    /** Requests to the path about this subject are answered so, whatever the path answers otherwise. */
    void answer(String path, String subject, int status) {
        statuses.put(path + "#" + subject, status);
    }

    /** Stops listening: connections are refused until {@link #up()}. */
    void down() {
        server.stop(0);
    }

    /** Listens again, on the same port. */
    void up() throws IOException {
        server = listen(port);
    }

    private HttpServer listen(int on) throws IOException {
        HttpServer listening = HttpServer.create(new InetSocketAddress("127.0.0.1", on), 0);
        listening.createContext("/", this::handle);
        listening.start();
        return listening;
    }

    /** The receiver takes this long to answer requests to the path. */
    void slow(String path, long millis) {
        delays.put(path, millis);
    }

    /** Successful requests to the path, in arrival order. */
    List<Received> delivered(String path) {
        return received.stream().filter(r -> r.path().equals(path) && r.status() / 100 == 2).toList();
    }

    List<Received> all(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        Map<String, String> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
        String path = exchange.getRequestURI().getPath();
        int status = statuses.getOrDefault(path + "#" + headers.get("fillonce-subject"),
                statuses.getOrDefault(path, 204));
        pause(delays.getOrDefault(path, 0L));
        received.add(new Received(path, headers, body, status));
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    /** A slow receiver on purpose (a test's set delay for the path): the answer comes that much later. */
    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
