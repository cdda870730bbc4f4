package io.fillonce.registry.system;

import java.util.List;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;

import static org.assertj.core.api.Assertions.assertThat;

/** A prefix filter matches names that start with the prefix as written, whatever characters it holds. */
class PagesTests {

    private static MongoServer server;
    private static MongoClient client;
    private static MongoTemplate mongo;

    @BeforeAll
    static void start() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create("mongodb://" + server.bind().getHostString() + ":" + server.getLocalAddress()
                .getPort());
        mongo = new MongoTemplate(client, "pages");
        for (String id : List.of("a.b-1", "axb-1", "a+b", "a(b)", "a\\Eb", "人口.户籍", "人口x户籍", "b.a")) {
            mongo.insert(new Document("_id", id), "names");
        }
    }

    @AfterAll
    static void stop() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void aPrefixIsMatchedAsWrittenNotAsAPattern() {
        assertThat(ids("a.b")).containsExactly("a.b-1");
        assertThat(ids("a+")).containsExactly("a+b");
        assertThat(ids("a(")).containsExactly("a(b)");
        assertThat(ids("a\\E")).containsExactly("a\\Eb");
        assertThat(ids("人口.")).containsExactly("人口.户籍");
        assertThat(ids("")).hasSize(8);
        assertThat(ids(null)).hasSize(8);
    }

    private static List<String> ids(String prefix) {
        return mongo.find(Pages.withPrefix(new Query(), "_id", prefix), Document.class, "names").stream()
                .map(document -> document.getString("_id")).sorted().toList();
    }
}
