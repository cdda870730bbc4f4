package io.fillonce.local.manifests;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NetworkPolicyTests {

    /** What each service may reach inside the namespace besides Kafka's brokers and MongoDB's members. */
    static final Map<String, Set<String>> CALLS = Map.of("gateway",
            Set.of("registry-service", "intake-service", "sync-service"), "registry-service", Set.of(),
            "intake-service", Set.of(), "sync-service", Set.of("intake-service", "sync-service"));

    static final Map<String, String> KAFKA_BROKERS = Map.of("strimzi.io/cluster", "fillonce",
            "strimzi.io/name", "fillonce-kafka");

    static final Map<String, String> MONGODB_MEMBERS = Map.of("app", "fillonce-mongodb-svc");

    @Test
    void everythingIsDeniedUnlessAllowed() {
        for (String target : Kustomize.TARGETS) {
            Manifest deny = Resources.one(Kustomize.rendered(target), "NetworkPolicy", "default-deny");
            assertThat(Tree.map(deny.spec(), "podSelector", deny.where())).as(deny.where() + " selects every pod")
                    .isEmpty();
            assertThat(deny.spec().get("policyTypes")).as(deny.where()).isEqualTo(List.of("Ingress", "Egress"));
            assertThat(deny.spec()).as(deny.where() + " allows nothing").doesNotContainKeys("ingress", "egress");
            Manifest dns = Resources.one(Kustomize.rendered(target), "NetworkPolicy", "dns");
            assertThat(Tree.maps(dns.spec().get("egress"), dns.where()).get(0).get("ports").toString())
                    .as(dns.where()).contains("port=53");
        }
    }

    @Test
    void onlyTheGatewayHasAnIngressRuleFromOutsideTheNamespace() {
        for (String target : Kustomize.TARGETS) {
            boolean gatewayReachable = false;
            for (Manifest policy : Resources.all(Kustomize.rendered(target), "NetworkPolicy")) {
                Object ingress = policy.spec().get("ingress");
                for (Map<String, Object> rule : ingress == null ? List.<Map<String, Object>>of()
                        : Tree.maps(ingress, policy.where())) {
                    if (fromOutside(rule, policy)) {
                        assertThat(appOf(policy)).as(policy.where() + " lets in from outside the namespace")
                                .isEqualTo("gateway");
                        assertThat(rule.get("ports").toString()).as(policy.where() + ": the API port only")
                                .contains("port=8080").doesNotContain("8090");
                        gatewayReachable = true;
                    }
                }
            }
            assertThat(gatewayReachable).as(target + ": the gateway is reachable from outside").isTrue();
        }
    }

    @Test
    void servicesReachOnlyKafkaMongodbAndTheServicesTheyCall() {
        for (String target : Kustomize.TARGETS) {
            for (Manifest policy : Resources.all(Kustomize.rendered(target), "NetworkPolicy")) {
                String app = appOf(policy);
                Object egress = policy.spec().get("egress");
                if (app == null || egress == null) {
                    continue;
                }
                for (Map<String, Object> rule : Tree.maps(egress, policy.where())) {
                    for (Map<String, Object> peer : Tree.maps(rule.get("to"), policy.where() + " egress.to")) {
                        assertAllowedPeer(policy, app, peer, rule);
                    }
                }
            }
        }
    }

    @Test
    void eachServiceLetsInTheGatewayOnItsPort() {
        Map<String, Integer> ports = Map.of("registry-service", 8083, "intake-service", 8081, "sync-service", 8082);
        for (String target : Kustomize.TARGETS) {
            ports.forEach((service, port) -> {
                Manifest policy = Resources.one(Kustomize.rendered(target), "NetworkPolicy", service);
                assertThat(Tree.maps(policy.spec().get("ingress"), policy.where())).as(policy.where())
                        .anySatisfy(rule -> assertThat(rule.toString()).contains("app.kubernetes.io/name=gateway")
                                .contains("port=" + port));
            });
        }
    }

    private static void assertAllowedPeer(Manifest policy, String app, Map<String, Object> peer,
            Map<String, Object> rule) {
        if (peer.containsKey("ipBlock")) {
            assertThat(app).as(policy.where() + ": only sync-service reaches outside (webhooks)")
                    .isEqualTo("sync-service");
            assertThat(rule.get("ports").toString()).as(policy.where() + ": HTTPS only").contains("port=443");
            assertThat(Tree.text(Tree.at(peer, "ipBlock.except"))).as(policy.where() + ": no private addresses")
                    .contains("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16");
            return;
        }
        assertThat(peer).as(policy.where() + ": " + app + " reaches pods of its own namespace only")
                .doesNotContainKey("namespaceSelector");
        Map<String, Object> labels = Tree.map(Tree.at(peer, "podSelector.matchLabels"), policy.where() + " peer");
        Object callee = labels.get("app.kubernetes.io/name");
        if (callee != null) {
            assertThat(CALLS.get(app)).as(policy.where() + ": " + app + " may call " + callee)
                    .contains((String) callee);
        }
        else {
            assertThat(labels).as(policy.where() + ": " + app + " reaches Kafka or MongoDB")
                    .satisfiesAnyOf(peerLabels -> assertThat(peerLabels).isEqualTo(KAFKA_BROKERS),
                            peerLabels -> assertThat(peerLabels).isEqualTo(MONGODB_MEMBERS));
        }
    }

    private static String appOf(Manifest policy) {
        Object labels = Tree.at(policy.content(), "spec.podSelector.matchLabels");
        return labels == null ? null : Tree.text(Tree.map(labels, policy.where()).get("app.kubernetes.io/name"));
    }

    /** A rule with no sources (anyone), or with a source beyond the namespace's own pods. */
    private static boolean fromOutside(Map<String, Object> rule, Manifest policy) {
        Object from = rule.get("from");
        if (from == null) {
            return true;
        }
        return Tree.maps(from, policy.where()).stream()
                .anyMatch(peer -> peer.containsKey("namespaceSelector") || peer.containsKey("ipBlock"));
    }
}
