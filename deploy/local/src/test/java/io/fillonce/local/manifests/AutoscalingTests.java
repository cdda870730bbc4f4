package io.fillonce.local.manifests;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AutoscalingTests {

    @Test
    void gatewayAndIntakeScaleOnCpu() {
        for (String target : Kustomize.TARGETS) {
            for (String service : List.of("gateway", "intake-service")) {
                Manifest hpa = Resources.one(Kustomize.rendered(target), "HorizontalPodAutoscaler", service);
                assertThat(Tree.map(hpa.spec(), "scaleTargetRef", hpa.where())).as(hpa.where())
                        .containsEntry("kind", "Deployment").containsEntry("name", service);
                assertThat(Tree.maps(hpa.spec().get("metrics"), hpa.where())).as(hpa.where() + " scales on CPU")
                        .anySatisfy(metric -> assertThat(Tree.text(Tree.at(metric, "resource.name")))
                                .isEqualTo("cpu"));
                assertThat((Integer) hpa.spec().get("minReplicas")).as(hpa.where())
                        .isLessThanOrEqualTo((Integer) hpa.spec().get("maxReplicas"));
            }
        }
    }

    @Test
    void syncScalesOnTheFanOutsLagAndNeverBeyondThePartitionsOfItsTopic() {
        for (String target : Kustomize.TARGETS) {
            List<Manifest> rendered = Kustomize.rendered(target);
            Map<String, Object> config = Tree.map(Resources.one(rendered, "ConfigMap", "fillonce-config").content(),
                    "data", "fillonce-config");
            Manifest scaled = Resources.one(rendered, "ScaledObject", "sync-service");
            assertThat(Tree.text(Tree.at(scaled.content(), "apiVersion"))).isEqualTo("keda.sh/v1alpha1");
            assertThat(Tree.text(Tree.at(scaled.content(), "spec.scaleTargetRef.name"))).as(scaled.where())
                    .isEqualTo("sync-service");
            Map<String, Object> trigger = Tree.maps(scaled.spec().get("triggers"), scaled.where()).get(0);
            Map<String, Object> metadata = Tree.map(trigger, "metadata", scaled.where() + " trigger");
            assertThat(trigger).as(scaled.where()).containsEntry("type", "kafka");
            assertThat(metadata).as(scaled.where() + " trigger")
                    .containsEntry("consumerGroup", "fillonce-sync-fanout").containsEntry("topic", "fillonce.records")
                    .containsEntry("bootstrapServers", config.get("KAFKA_BOOTSTRAP_SERVERS"));
            int partitions = (Integer) Tree.at(
                    Resources.one(rendered, "KafkaTopic", "fillonce.records").content(), "spec.partitions");
            assertThat(String.valueOf(partitions)).as("fillonce.records has FILLONCE_TOPIC_PARTITIONS partitions")
                    .isEqualTo(Tree.text(config.get("FILLONCE_TOPIC_PARTITIONS")));
            int min = (Integer) scaled.spec().get("minReplicaCount");
            int max = (Integer) scaled.spec().get("maxReplicaCount");
            assertThat(min).as(scaled.where() + " never scales to zero (feeds, prefill, receipts)").isPositive();
            assertThat(max).as(scaled.where() + " maxReplicaCount <= partitions of fillonce.records")
                    .isBetween(min, partitions);
            assertTriggerAuthenticationIsKedasOwnKafkaUser(rendered, scaled);
        }
    }

    private static void assertTriggerAuthenticationIsKedasOwnKafkaUser(List<Manifest> rendered, Manifest scaled) {
        String name = Tree.text(Tree.at(Tree.maps(scaled.spec().get("triggers"), scaled.where()).get(0),
                "authenticationRef.name"));
        Manifest authentication = Resources.one(rendered, "TriggerAuthentication", name);
        Map<String, Map<String, Object>> byParameter = new HashMap<>();
        Tree.maps(authentication.spec().get("secretTargetRef"), authentication.where())
                .forEach(ref -> byParameter.put(Tree.text(ref.get("parameter")), ref));
        assertThat(byParameter).as(authentication.where()).containsKeys("sasl", "username", "password");
        Map<String, Object> secret = Tree.map(Resources.one(rendered, "Secret",
                Tree.text(byParameter.get("username").get("name"))).content(), "stringData", "KEDA's Secret");
        assertThat(secret.get(Tree.text(byParameter.get("sasl").get("key")))).as(authentication.where() + " sasl")
                .isEqualTo("scram_sha512");
        Manifest user = Resources.one(rendered, "KafkaUser",
                Tree.text(secret.get(Tree.text(byParameter.get("username").get("key")))));
        assertThat(Tree.map(Tree.at(user.content(), "spec.authentication.password.valueFrom.secretKeyRef"),
                user.where())).as(user.where() + " has the password KEDA sends")
                .containsEntry("name", byParameter.get("password").get("name"))
                .containsEntry("key", byParameter.get("password").get("key"));
    }
}
