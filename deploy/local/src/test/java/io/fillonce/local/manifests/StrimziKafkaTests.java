package io.fillonce.local.manifests;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StrimziKafkaTests {

    @Test
    void kafkaIsAKraftClusterOfThreeCombinedNodesSecuredWithScramAndAcls() {
        for (String target : Kustomize.TARGETS) {
            List<Manifest> rendered = Kustomize.rendered(target);
            Manifest kafka = Resources.one(rendered, "Kafka", "fillonce");
            assertThat(Tree.text(kafka.content().get("apiVersion"))).isEqualTo("kafka.strimzi.io/v1beta2");
            assertThat(Tree.map(Tree.at(kafka.content(), "metadata.annotations"), kafka.where()))
                    .as(kafka.where()).containsEntry("strimzi.io/kraft", "enabled")
                    .containsEntry("strimzi.io/node-pools", "enabled");
            for (Map<String, Object> listener : Tree.maps(Tree.at(kafka.content(), "spec.kafka.listeners"),
                    kafka.where())) {
                assertThat(Tree.text(Tree.at(listener, "authentication.type")))
                        .as(kafka.where() + " listener " + listener.get("name")).isEqualTo("scram-sha-512");
            }
            assertThat(Tree.text(Tree.at(kafka.content(), "spec.kafka.authorization.type"))).as(kafka.where())
                    .isEqualTo("simple");
            assertThat(Tree.map(Tree.at(kafka.content(), "spec.kafka.config"), kafka.where())).as(kafka.where())
                    .containsEntry("default.replication.factor", 3).containsEntry("min.insync.replicas", 2)
                    .containsEntry("offsets.topic.replication.factor", 3)
                    .containsEntry("transaction.state.log.replication.factor", 3)
                    .containsEntry("transaction.state.log.min.isr", 2)
                    .containsEntry("allow.everyone.if.no.acl.found", false);
            assertThat(Tree.at(kafka.content(), "spec.entityOperator.userOperator")).as(kafka.where()).isNotNull();
            assertThat(Tree.at(kafka.content(), "spec.entityOperator.topicOperator")).as(kafka.where()).isNotNull();
            Manifest pool = Resources.one(rendered, "KafkaNodePool", "combined");
            assertThat(Tree.map(Tree.at(pool.content(), "metadata.labels"), pool.where()))
                    .containsEntry("strimzi.io/cluster", "fillonce");
            assertThat(pool.spec().get("replicas")).as(pool.where()).isEqualTo(3);
            assertThat(pool.spec().get("roles")).as(pool.where()).isEqualTo(List.of("controller", "broker"));
        }
    }

    @Test
    void theServicesBootstrapFromTheClustersScramListener() {
        for (String target : Kustomize.TARGETS) {
            List<Manifest> rendered = Kustomize.rendered(target);
            Manifest kafka = Resources.one(rendered, "Kafka", "fillonce");
            Map<String, Object> listener = Tree.maps(Tree.at(kafka.content(), "spec.kafka.listeners"),
                    kafka.where()).get(0);
            Map<String, Object> config = Tree.map(Resources.one(rendered, "ConfigMap", "fillonce-config").content(),
                    "data", "fillonce-config");
            assertThat(config).as(target + " fillonce-config")
                    .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "fillonce-kafka-bootstrap:" + listener.get("port"))
                    .containsEntry("FILLONCE_KAFKA_SECURITY_PROTOCOL",
                            Boolean.TRUE.equals(listener.get("tls")) ? "SASL_SSL" : "SASL_PLAINTEXT");
        }
    }

    @Test
    void everyTopicHasThreeReplicasAndTwoInSync() {
        for (String target : Kustomize.TARGETS) {
            List<Manifest> topics = Resources.all(Kustomize.rendered(target), "KafkaTopic");
            assertThat(topics).extracting(Manifest::name)
                    .contains("fillonce.records", "fillonce.registry", "fillonce.sync.audit");
            for (Manifest topic : topics) {
                assertThat(topic.spec().get("replicas")).as(topic.where() + " replicas").isEqualTo(3);
                assertThat(Tree.map(topic.spec(), "config", topic.where()).get("min.insync.replicas"))
                        .as(topic.where() + " min.insync.replicas").isEqualTo(2);
                assertThat(Tree.map(Tree.at(topic.content(), "metadata.labels"), topic.where()))
                        .as(topic.where()).containsEntry("strimzi.io/cluster", "fillonce");
            }
            Manifest registry = Resources.one(topics, "KafkaTopic", "fillonce.registry");
            assertThat(Tree.map(registry.spec(), "config", registry.where())).as(registry.where() + " is compacted")
                    .containsEntry("cleanup.policy", "compact");
        }
    }

    @Test
    void registryServiceLeavesUsersAndAclsToTheUserOperator() {
        for (String target : Kustomize.TARGETS) {
            List<Manifest> rendered = Kustomize.rendered(target);
            Manifest registry = Resources.one(rendered, "Deployment", "registry-service");
            assertThat(Workloads.values(registry, rendered)).as(registry.where())
                    .containsEntry("FILLONCE_KAFKA_ACCESS_MANAGED", "false");
            Manifest kafka = Resources.one(rendered, "Kafka", "fillonce");
            assertThat(Tree.at(kafka.content(), "spec.kafka.authorization.superUsers")).as(kafka.where()
                    + ": no Fill Once principal is a super user").isNull();
        }
    }
}
