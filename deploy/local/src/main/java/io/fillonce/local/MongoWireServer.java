package io.fillonce.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;

/**
 * The local stack's MongoDB: {@code de.bwaldvogel:mongo-java-server} speaking the MongoDB wire protocol over an
 * H2 MVStore file, so data survives {@code ./fillonce down} / {@code up}. It is not a mongod: no transactions,
 * no change streams, no replica set; Fill Once uses none of them.
 *
 * <p>Every write is committed to the file before it is answered, as a mongod's journal would have it: the
 * MVStore's own background commit (every second) would leave what was acknowledged in the last second to be lost
 * when the process is killed ({@code ./fillonce faults}' mongodb-kill found it: intake had answered 201 for
 * versions that were then gone). Concurrent writers share a commit.
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
        H2Backend backend = new DurableH2Backend(store.toString());
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

    /** Commits the store after every command that changes data, before the answer goes out. */
    static final class DurableH2Backend extends H2Backend {

        private static final Set<String> WRITES = Set.of("insert", "update", "delete", "findandmodify",
                "createindexes", "dropindexes", "drop", "dropdatabase", "create", "renamecollection");

        DurableH2Backend(String file) {
            super(file);
        }

        @Override
        public Document handleCommand(Channel channel, String database, String command, Document query) {
            Document answer = super.handleCommand(channel, database, command, query);
            if (WRITES.contains(command.toLowerCase(Locale.ROOT))) {
                commit();
            }
            return answer;
        }
    }
}
