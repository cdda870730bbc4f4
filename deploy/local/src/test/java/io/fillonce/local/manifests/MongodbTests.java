package io.fillonce.local.manifests;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MongodbTests {

    @Test
    void mongodbIsAReplicaSetOfThreeWithScramAuthentication() {
        for (String target : List.of("base", "production")) {
            Manifest mongodb = Resources.one(Kustomize.rendered(target), "MongoDBCommunity", "fillonce-mongodb");
            assertThat(Tree.text(mongodb.content().get("apiVersion"))).isEqualTo("mongodbcommunity.mongodb.com/v1");
            assertThat(mongodb.spec()).as(mongodb.where()).containsEntry("members", 3)
                    .containsEntry("type", "ReplicaSet");
            assertThat(Tree.at(mongodb.content(), "spec.security.authentication.modes")).as(mongodb.where())
                    .isEqualTo(List.of("SCRAM"));
        }
    }

    @Test
    void eachServiceConnectsAsItsOwnUserAllowedOnlyItsOwnDatabase() {
        for (String target : Kustomize.TARGETS) {
            List<Manifest> rendered = Kustomize.rendered(target);
            Manifest mongodb = Resources.one(rendered, "MongoDBCommunity", "fillonce-mongodb");
            for (String service : ServiceSettings.SERVICES) {
                if (!ServiceSettings.of(service).reads().contains("MONGODB_URI")) {
                    continue;
                }
                Manifest deployment = Resources.one(rendered, "Deployment", service);
                Map<String, Object> ref = Workloads.secretKeyRef(deployment, "MONGODB_URI");
                assertThat(Tree.text(ref.get("key"))).as(deployment.where()).isEqualTo("connectionString.standard");
                Map<String, Object> user = Tree.maps(Tree.at(mongodb.content(), "spec.users"), mongodb.where())
                        .stream().filter(candidate -> ref.get("name").equals(
                                mongodb.name() + "-" + candidate.get("db") + "-" + candidate.get("name")))
                        .findFirst().orElseThrow(() -> new AssertionError(deployment.where()
                                + " reads " + ref.get("name") + ", which no user of " + mongodb.where() + " makes"));
                String database = Tree.text(Tree.at(
                        Repository.documents(Repository.ROOT.resolve(service + "/src/main/resources/application.yml"))
                                .get(0), "spring.mongodb.database"));
                assertThat(Tree.maps(user.get("roles"), mongodb.where() + " " + user.get("name")))
                        .as(mongodb.where() + ": " + user.get("name") + " may read and write " + database + " only")
                        .containsExactly(Map.of("name", "readWrite", "db", database));
            }
        }
    }
}
