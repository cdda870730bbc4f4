package io.fillonce.sync;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A department's webhook endpoint that applies what it receives as a careful receiver would: a {@code webhook-id}
 * it has applied before is answered 204 and counted as a raw duplicate, never applied again. It keeps what a crash
 * test checks: the ids applied, each entity's applied versions in order, and the ids seen for each version.
 */
final class ApplyingReceiver implements AutoCloseable {

    private final HttpServer server;
    private final Set<String> applied = ConcurrentHashMap.newKeySet();
    private final Map<String, List<Long>> versions = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> idsOfVersion = new ConcurrentHashMap<>();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong firstAt = new AtomicLong();
    private final AtomicLong lastAt = new AtomicLong();

    ApplyingReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    int applied() {
        return applied.size();
    }

    long duplicates() {
        return duplicates.get();
    }

    /** Entities whose versions were not applied in strictly increasing order, with the order they came in. */
    Map<String, List<Long>> outOfOrder() {
        Map<String, List<Long>> wrong = new ConcurrentHashMap<>();
        versions.forEach((subject, applied) -> {
            for (int i = 1; i < applied.size(); i++) {
                if (applied.get(i) <= applied.get(i - 1)) {
                    wrong.put(subject, applied);
                }
            }
        });
        return wrong;
    }

    /** Versions that arrived under more than one webhook id. */
    Map<String, Set<String>> versionsUnderSeveralIds() {
        Map<String, Set<String>> several = new ConcurrentHashMap<>();
        idsOfVersion.forEach((version, ids) -> {
            if (ids.size() > 1) {
                several.put(version, ids);
            }
        });
        return several;
    }

    /** Nanosecond clock of the first and the last applied delivery since the last {@link #resetClock()}. */
    long[] window() {
        return new long[] {firstAt.get(), lastAt.get()};
    }

    void resetClock() {
        firstAt.set(0);
        lastAt.set(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            in.readAllBytes();
        }
        String id = exchange.getRequestHeaders().getFirst("webhook-id");
        String subject = exchange.getRequestHeaders().getFirst("fillonce-subject");
        long version = Long.parseLong(exchange.getRequestHeaders().getFirst("fillonce-entity-version"));
        synchronized (this) {
            idsOfVersion.computeIfAbsent(subject + "@" + version, v -> ConcurrentHashMap.newKeySet()).add(id);
            if (applied.add(id)) {
                versions.computeIfAbsent(subject, s -> new CopyOnWriteArrayList<>()).add(version);
                long now = System.nanoTime();
                firstAt.compareAndSet(0, now);
                lastAt.set(now);
            }
            else {
                duplicates.incrementAndGet();
            }
        }
        exchange.sendResponseHeaders(204, -1);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
