package io.fillonce.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the wire server acknowledged is on file: written, then the server is killed (SIGKILL, no shutdown hook), and
 * a new server on the same file has every acknowledged document.
 */
class MongoWireServerTests {

    @Test
    void everyAcknowledgedWriteSurvivesAKill(@TempDir Path dir) throws Exception {
        int port = freePort();
        Path store = dir.resolve("store.mv");
        Process server = start(port, store);
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port)) {
            MongoCollection<Document> outbox = client.getDatabase("kill").getCollection("outbox");
            for (int i = 0; i < 200; i++) {
                outbox.insertOne(new Document("_id", i).append("version", 1));
            }
            outbox.updateOne(new Document("_id", 7), new Document("$set", new Document("version", 2)));
            outbox.deleteOne(new Document("_id", 9));
        }
        server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

        Process again = start(port, store);
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port)) {
            MongoCollection<Document> outbox = client.getDatabase("kill").getCollection("outbox");
            assertThat(outbox.countDocuments()).isEqualTo(199);
            assertThat(outbox.find(new Document("_id", 7)).first()).containsEntry("version", 2);
            assertThat(outbox.find(new Document("_id", 199)).first()).isNotNull();
        }
        finally {
            again.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static Process start(int port, Path store) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), MongoWireServer.class.getName(),
                "127.0.0.1", String.valueOf(port), store.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(new File(store + ".log")).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!listening(port)) {
            assertThat(process.isAlive()).as("the wire server started").isTrue();
            assertThat(System.nanoTime()).as("the wire server listens within 30 s").isLessThan(deadline);
            Thread.sleep(50);
        }
        return process;
    }

    private static boolean listening(int port) {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            return true;
        }
        catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
