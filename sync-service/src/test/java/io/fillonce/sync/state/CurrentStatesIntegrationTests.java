package io.fillonce.sync.state;

import java.util.List;

import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.mongodb.core.MongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** The current-state store on the MongoDB wire server: newer versions win, whatever order they come in. */
class CurrentStatesIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final MongoServer MONGO = new MongoServer(new MemoryBackend());
    private static final String URI = MONGO.bindAndGetConnectionString();

    private final CurrentStates states = new CurrentStates(new MongoTemplate(MongoClients.create(URI), "states"), JSON);

    @AfterAll
    static void stop() {
        MONGO.shutdownNow();
    }

    @Test
    void keepsOnlyANewerVersionWhateverOrderVersionsArriveIn() {
        assertThat(states.keep(state("resident", "k-1", 2, "second"))).isTrue();
        assertThat(states.keep(state("resident", "k-1", 1, "first"))).isFalse();
        assertThat(states.keep(state("resident", "k-1", 2, "second again"))).isFalse();

        EntityState kept = states.find("resident", "k-1").orElseThrow();
        assertThat(kept.version()).isEqualTo(2);
        assertThat(kept.eventId()).isEqualTo("rec-k-1:2");
        assertThat(kept.data().path("name").stringValue()).isEqualTo("second");

        assertThat(states.keep(state("resident", "k-1", 3, "third"))).isTrue();
        assertThat(states.find("resident", "k-1").orElseThrow().data().path("name").stringValue()).isEqualTo("third");
    }

    @Test
    void keepsFieldNamesThatAreNotValidInBson() {
        EntityState odd = new EntityState("odd", "k", "rec-k", 1, "rec-k:1", "2026-11-27T08:00:00Z",
                JSON.readTree("{\"a.b\": 1, \"$c\": {\"d\": [1, 2]}}"));
        states.keep(odd);

        assertThat(states.find("odd", "k").orElseThrow().data()).isEqualTo(odd.data());
    }

    @Test
    void pagesOneTypeByKeyAndLeavesOtherTypesOut() {
        for (String key : List.of("b", "a", "d", "c", "e")) {
            states.keep(state("pager", key, 1, key));
        }
        states.keep(state("pager-x", "a", 1, "other type"));
        states.keep(state("pagerz", "a", 1, "other type"));

        assertThat(states.page("pager", null, 2)).extracting(EntityState::entityKey).containsExactly("a", "b");
        assertThat(states.page("pager", "b", 2)).extracting(EntityState::entityKey).containsExactly("c", "d");
        assertThat(states.page("pager", "d", 2)).extracting(EntityState::entityKey).containsExactly("e");
        assertThat(states.page("pager", "e", 2)).isEmpty();
        assertThat(states.count("pager")).isEqualTo(5);
        assertThat(states.find("pager", "zz")).isEmpty();
    }

    private static EntityState state(String type, String key, long version, String name) {
        return new EntityState(type, key, "rec-" + key, version, "rec-" + key + ":" + version, "2026-11-27T08:00:00Z",
                JSON.readTree("{\"name\": \"" + name + "\"}"));
    }
}
