package io.fillonce.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

/**
 * The local stack's MongoDB: {@code de.bwaldvogel:mongo-java-server} speaking the MongoDB wire protocol over an
 * H2 MVStore file, so data survives {@code ./fillonce down} / {@code up}. It is not a mongod: no transactions,
 * no change streams, no replica set; Fill Once uses none of them.
 *
 * <p>Usage: {@code MongoWireServer <host> <port> <store file>}. Stops cleanly (store flushed) on SIGTERM.
 */
public final class MongoWireServer {

    private MongoWireServer() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: MongoWireServer <host> <port> <store file>");
            System.exit(2);
        }
        Path store = Path.of(args[2]).toAbsolutePath();
        Files.createDirectories(store.getParent());
        H2Backend backend = new H2Backend(store.toString());
        MongoServer server = new MongoServer(backend);
        server.bind(args[0], Integer.parseInt(args[1]));
        System.out.println("MongoDB wire-protocol server listening on " + server.getLocalAddress() + ", store " + store);

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdown();
            backend.close();
            System.out.println("MongoDB wire-protocol server stopped, store flushed");
            stopped.countDown();
        }, "mongo-wire-shutdown"));
        stopped.await();
    }
}
