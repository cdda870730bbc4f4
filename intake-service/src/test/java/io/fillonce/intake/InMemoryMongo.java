package io.fillonce.intake;

import java.util.List;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.event.CommandListener;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The in-memory MongoDB wire server for one test class ({@code @RegisterExtension static}): started before its
 * tests, stopped after them; {@link #emptyDatabase} hands each test a template on a database emptied for it.
 */
public final class InMemoryMongo implements BeforeAllCallback, AfterAllCallback {

    private final List<CommandListener> listeners;

    private MongoServer server;

    private MongoClient client;

    public InMemoryMongo(CommandListener... listeners) {
        this.listeners = List.of(listeners);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        server = new MongoServer(new MemoryBackend());
        MongoClientSettings.Builder settings = MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString("mongodb://127.0.0.1:" + server.bind().getPort()));
        listeners.forEach(settings::addCommandListener);
        client = MongoClients.create(settings.build());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        client.close();
        server.shutdownNow();
    }

    /** A template on this database, emptied first. */
    public MongoTemplate emptyDatabase(String database) {
        client.getDatabase(database).drop();
        return new MongoTemplate(client, database);
    }
}
