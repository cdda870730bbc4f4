package io.fillonce.local.manifests;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KubernetesWorkloadsTests {

    @Test
    void theBaseAndEveryOverlayRenderWithKubectlKustomize() {
        for (String target : Kustomize.TARGETS) {
            List<Manifest> rendered = Kustomize.rendered(target);
            for (String service : ServiceSettings.SERVICES) {
                assertThat(Resources.one(rendered, "Deployment", service).content()).isNotEmpty();
            }
            for (Manifest manifest : rendered) {
                Object namespace = Tree.at(manifest.content(), "metadata.namespace");
                if (!"Namespace".equals(manifest.kind())) {
                    assertThat(Tree.text(namespace)).as(manifest.where() + " is in namespace fillonce")
                            .isEqualTo("fillonce");
                }
            }
        }
    }

    @Test
    void eachDeploymentIsGivenOnlyWhatItsServiceReadsAndEverythingItRequires() {
        for (String target : Kustomize.TARGETS) {
            List<Manifest> rendered = Kustomize.rendered(target);
            for (String service : ServiceSettings.SERVICES) {
                ServiceSettings settings = ServiceSettings.of(service);
                Manifest deployment = Resources.one(rendered, "Deployment", service);
                Map<String, String> values = Workloads.values(deployment, rendered);
                assertThat(settings.reads()).as(deployment.where() + ": its service reads every variable it is set")
                        .containsAll(values.keySet());
                assertThat(values.keySet()).as(deployment.where() + " sets every variable its service requires")
                        .containsAll(settings.required());
                if (values.containsKey("FILLONCE_TOPIC_REPLICATION")) {
                    assertThat(values.get("FILLONCE_TOPIC_REPLICATION")).as(deployment.where()).isEqualTo("3");
                }
                assertThat(values.get("FILLONCE_KAFKA_SECURITY_PROTOCOL")).as(deployment.where())
                        .isEqualTo("SASL_PLAINTEXT");
            }
        }
    }

    @Test
    void everySecretAndConfigMapAReferenceNamesExists() {
        for (String target : Kustomize.TARGETS) {
            List<Manifest> rendered = Kustomize.rendered(target);
            Map<String, Set<String>> secrets = Workloads.secrets(rendered);
            List<String> references = new ArrayList<>();
            for (Manifest manifest : rendered) {
                collectSecretReferences(manifest, manifest.content(), references);
            }
            assertThat(references).as(target + " reads Secrets").isNotEmpty();
            for (String reference : references) {
                String[] parts = reference.split("\\|");
                assertThat(secrets).as(parts[0] + " reads Secret " + parts[1]).containsKey(parts[1]);
                assertThat(secrets.get(parts[1])).as(parts[0] + " reads key " + parts[2] + " of Secret " + parts[1])
                        .contains(parts[2]);
            }
            for (Manifest deployment : Resources.all(rendered, "Deployment")) {
                Workloads.values(deployment, rendered).forEach((name, value) -> {
                    if (value == null) {
                        Workloads.secretKeyRef(deployment, name);
                    }
                });
            }
        }
    }

    @Test
    void probesAskThePathsAndPortsTheirServiceServes() {
        for (String target : Kustomize.TARGETS) {
            List<Manifest> rendered = Kustomize.rendered(target);
            for (String service : ServiceSettings.SERVICES) {
                ServiceSettings settings = ServiceSettings.of(service);
                Manifest deployment = Resources.one(rendered, "Deployment", service);
                Map<String, Object> container = Workloads.container(deployment);
                int serverPort = settings.serverPort().in(Workloads.values(deployment, rendered));
                Map<String, String> expected = Map.of("startupProbe", "/livez", "livenessProbe", "/livez",
                        "readinessProbe", "/readyz");
                expected.forEach((probe, path) -> {
                    Map<String, Object> get = Tree.map(Tree.at(container, probe + ".httpGet"),
                            deployment.where() + " " + probe);
                    assertThat(Tree.text(get.get("path"))).as(deployment.where() + " " + probe).isEqualTo(path);
                    assertThat(settings.probePathsOnServerPort()).as(service + " serves " + path).contains(path);
                    assertThat(containerPort(deployment, container, get.get("port")))
                            .as(deployment.where() + " " + probe + " asks the main port").isEqualTo(serverPort);
                });
            }
        }
    }

    @Test
    void everyContainerHasResourceRequestsAndLimits() {
        for (String target : Kustomize.TARGETS) {
            for (Manifest deployment : Resources.all(Kustomize.rendered(target), "Deployment")) {
                Map<String, Object> container = Workloads.container(deployment);
                for (String bound : List.of("requests", "limits")) {
                    assertThat(Tree.map(Tree.at(container, "resources." + bound), deployment.where() + " " + bound))
                            .as(deployment.where() + " resources." + bound).containsKeys("cpu", "memory");
                }
            }
        }
    }

    @Test
    void everyServiceHasADisruptionBudgetAndTheRegistryStaysTheSingleWriter() {
        for (String target : Kustomize.TARGETS) {
            List<Manifest> rendered = Kustomize.rendered(target);
            for (String service : ServiceSettings.SERVICES) {
                Manifest budget = Resources.one(rendered, "PodDisruptionBudget", service);
                assertThat(Tree.map(Tree.at(budget.content(), "spec.selector.matchLabels"), budget.where()))
                        .as(budget.where() + " selects its service").containsEntry("app.kubernetes.io/name", service);
            }
            Manifest registry = Resources.one(rendered, "Deployment", "registry-service");
            assertThat(registry.spec().get("replicas")).as(registry.where()).isEqualTo(1);
            assertThat(Tree.text(Tree.at(registry.content(), "spec.strategy.type"))).as(registry.where())
                    .isEqualTo("Recreate");
            for (Manifest scaler : rendered) {
                Object scaled = Tree.at(scaler.content(), "spec.scaleTargetRef.name");
                assertThat(Tree.text(scaled)).as(scaler.where() + " never scales the single writer")
                        .isNotEqualTo("registry-service");
            }
        }
    }

    private static int containerPort(Manifest deployment, Map<String, Object> container, Object port) {
        if (port instanceof Integer number) {
            return number;
        }
        return Tree.maps(container.get("ports"), deployment.where() + " ports").stream()
                .filter(entry -> String.valueOf(port).equals(entry.get("name"))).findFirst()
                .map(entry -> (Integer) entry.get("containerPort"))
                .orElseThrow(() -> new AssertionError(deployment.where() + " has no port named " + port));
    }

    /** Every secretKeyRef and secretTargetRef under the node, as "resource|secret|key". */
    private static void collectSecretReferences(Manifest manifest, Object node, List<String> references) {
        if (node instanceof Map<?, ?> map) {
            Object ref = map.get("secretKeyRef");
            if (ref instanceof Map<?, ?> key) {
                references.add(manifest.where() + "|" + key.get("name") + "|" + key.get("key"));
            }
            Object passwordRef = map.get("passwordSecretRef");
            if (passwordRef instanceof Map<?, ?> key) {
                references.add(manifest.where() + "|" + key.get("name") + "|"
                        + (key.get("key") == null ? "password" : key.get("key")));
            }
            if ("TriggerAuthentication".equals(manifest.kind()) && map.get("secretTargetRef") instanceof List<?> list) {
                list.forEach(item -> {
                    Map<?, ?> target = (Map<?, ?>) item;
                    references.add(manifest.where() + "|" + target.get("name") + "|" + target.get("key"));
                });
            }
            map.values().forEach(value -> collectSecretReferences(manifest, value, references));
        }
        else if (node instanceof List<?> list) {
            list.forEach(value -> collectSecretReferences(manifest, value, references));
        }
    }
}
