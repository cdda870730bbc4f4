package io.fillonce.bench;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * deploy/compose and deploy/k8s cannot be run here (no Docker, no cluster), so this checks what can be checked
 * without: every file parses, every environment variable a service is given is one that service reads (a
 * {@code ${NAME}} placeholder in its application*.yml, or announced in docs/conventions.md), ports, probes, images
 * and references between the files agree.
 */
class DeployManifestsTests {

    static final Path ROOT = Path.of(System.getProperty("fillonce.root", ".."));

    static final Path K8S = ROOT.resolve("deploy/k8s");

    static final List<String> SERVICES = List.of("registry-service", "intake-service", "sync-service", "gateway");

    static final Map<String, String> PORT_ENV = Map.of("registry-service", "REGISTRY_PORT", "intake-service",
            "INTAKE_PORT", "sync-service", "SYNC_PORT", "gateway", "GATEWAY_PORT");

    /**
     * The secrets a service refuses to start (identity, the registry's keys, the webhook sealing key) or to build
     * hashed fields (sync) without.
     */
    static final Map<String, List<String>> SECRETS = Map.of(
            "registry-service", List.of("FILLONCE_IDENTITY_SECRET", "FILLONCE_REGISTRY_SIGNING_KEY",
                    "FILLONCE_WEBHOOK_SEALING_KEY"),
            "intake-service", List.of("FILLONCE_IDENTITY_SECRET", "FILLONCE_REGISTRY_VERIFY_KEY"),
            "sync-service", List.of("FILLONCE_IDENTITY_SECRET", "FILLONCE_HASH_SECRET", "FILLONCE_REGISTRY_VERIFY_KEY",
                    "FILLONCE_WEBHOOK_SEALING_KEY"),
            "gateway", List.of("FILLONCE_IDENTITY_SECRET", "FILLONCE_REGISTRY_VERIFY_KEY"));

    @Test
    void everyManifestParses() throws IOException {
        List<Path> files = manifests();
        assertThat(files).hasSizeGreaterThanOrEqualTo(9);
        for (Path file : files) {
            assertThat(documents(file)).as(file.toString()).isNotEmpty().doesNotContainNull();
        }
    }

    @Test
    void composeGivesEachServiceOnlyWhatItReadsAndPublishesOnlyTheGateway() throws IOException {
        Map<String, Map<String, Object>> services = map(documents(ROOT.resolve("deploy/compose/compose.yaml"))
                .get(0).get("services"));
        assertThat(services).containsKeys("mongodb", "kafka");
        assertThat(((String) services.get("mongodb").get("image"))).startsWith("mongo:8.");
        assertThat(((String) services.get("kafka").get("image"))).startsWith("apache/kafka:4.1.");
        for (String name : SERVICES) {
            Map<String, Object> service = services.get(name);
            Map<String, Object> env = map(service.get("environment"));
            assertThat(readBy(name)).as(name).containsAll(env.keySet());
            assertThat(env.keySet()).as(name + " is given its secrets").containsAll(SECRETS.get(name));
            String port = String.valueOf(env.get(PORT_ENV.get(name)));
            assertThat(map(service.get("healthcheck")).get("test").toString()).as(name)
                    .contains("http://127.0.0.1:" + port + "/readyz");
            assertThat(service.get("image")).isEqualTo(image(name));
            assertThat(map(map(service.get("build")).get("args")).get("SERVICE")).isEqualTo(name);
            assertThat(service.containsKey("ports")).as(name + " publishes a port").isEqualTo(name.equals("gateway"));
        }
        assertThat(services.get("gateway").get("ports")).isEqualTo(List.of("8080:8080"));
        Map<String, Object> gateway = map(services.get("gateway").get("environment"));
        for (String upstream : List.of("REGISTRY_URL", "INTAKE_URL", "SYNC_URL")) {
            URI uri = URI.create((String) gateway.get(upstream));
            assertThat(String.valueOf(map(services.get(uri.getHost()).get("environment"))
                    .get(PORT_ENV.get(uri.getHost())))).as(upstream).isEqualTo(String.valueOf(uri.getPort()));
        }
    }

    @Test
    void kubernetesDeploymentsProbeTheirOwnPortAndReadOnlyWhatTheServiceReads() throws IOException {
        Map<String, String> config = stringMap(kind("ConfigMap").get(0).get("data"));
        Map<String, String> secrets = stringMap(kind("Secret").get(0).get("stringData"));
        Map<String, Integer> replicas = Map.of("registry-service", 1, "intake-service", 2, "sync-service", 2,
                "gateway", 2);
        for (String name : SERVICES) {
            Map<String, Object> deployment = named(kind("Deployment"), name);
            Map<String, Object> spec = map(deployment.get("spec"));
            assertThat(spec.get("replicas")).as(name).isEqualTo(replicas.get(name));
            Map<String, Object> container = container(spec);
            assertThat(container.get("image")).isEqualTo(image(name));
            List<Map<String, Object>> env = maps(container.get("env"));
            String port = env.stream().filter(entry -> entry.get("name").equals(PORT_ENV.get(name)))
                    .map(entry -> String.valueOf(entry.get("value"))).findFirst().orElseThrow();
            assertThat(String.valueOf(httpPort(container))).as(name).isEqualTo(port);
            assertProbe(container, "readinessProbe", "/readyz");
            assertProbe(container, "livenessProbe", "/livez");
            assertThat(map(map(container.get("resources")).get("requests"))).containsKeys("cpu", "memory");
            assertThat(map(map(container.get("resources")).get("limits"))).containsKeys("cpu", "memory");
            for (Map<String, Object> entry : env) {
                String variable = (String) entry.get("name");
                assertThat(readBy(name)).as(name + " reads " + variable).contains(variable);
                assertReferenceResolves(entry, config, secrets);
            }
            assertThat(env.stream().map(entry -> entry.get("name")).toList()).as(name + " is given its secrets")
                    .containsAll(SECRETS.get(name));
            assertServiceExposes(name, Integer.parseInt(port));
        }
    }

    @Test
    void theGatewaysUpstreamsAndAutoscalerPointAtWhatExists() throws IOException {
        Map<String, Object> gateway = container(map(named(kind("Deployment"), "gateway").get("spec")));
        for (Map<String, Object> entry : maps(gateway.get("env"))) {
            if (String.valueOf(entry.get("name")).endsWith("_URL")) {
                URI uri = URI.create((String) entry.get("value"));
                assertServiceExposes(uri.getHost(), uri.getPort());
            }
        }
        Map<String, Object> hpa = kind("HorizontalPodAutoscaler").get(0);
        assertThat(map(map(hpa.get("spec")).get("scaleTargetRef"))).containsEntry("kind", "Deployment")
                .containsEntry("name", "gateway");
        assertThat(map(hpa.get("spec")).get("minReplicas")).isEqualTo(2);
    }

    @Test
    void kustomizationListsEveryManifestAndTheImageMatchesTheBuild() throws IOException {
        List<Object> resources = list(documents(K8S.resolve("kustomization.yaml")).get(0).get("resources"));
        try (Stream<Path> files = Files.list(K8S)) {
            assertThat(resources).containsExactlyInAnyOrderElementsOf(files.map(file -> file.getFileName().toString())
                    .filter(file -> file.endsWith(".yaml") && !file.equals("kustomization.yaml")).toList());
        }
        String dockerfile = Files.readString(ROOT.resolve("deploy/docker/Dockerfile"));
        assertThat(dockerfile).contains("FROM eclipse-temurin:17-jre").contains("ARG VERSION=" + version())
                .contains("COPY ${SERVICE}/target/${SERVICE}-${VERSION}.jar");
    }

    private static Map<String, Object> container(Map<String, Object> deploymentSpec) {
        return map(list(map(map(deploymentSpec.get("template")).get("spec")).get("containers")).get(0));
    }

    private static void assertProbe(Map<String, Object> container, String probe, String path) {
        Map<String, Object> get = map(map(container.get(probe)).get("httpGet"));
        assertThat(get).as(probe).containsEntry("path", path).containsEntry("port", "http");
    }

    private static void assertReferenceResolves(Map<String, Object> entry, Map<String, String> config,
            Map<String, String> secrets) {
        if (entry.get("valueFrom") == null) {
            return;
        }
        Map<String, Object> from = map(entry.get("valueFrom"));
        if (from.containsKey("configMapKeyRef")) {
            assertThat(config).containsKey((String) map(from.get("configMapKeyRef")).get("key"));
        }
        if (from.containsKey("secretKeyRef")) {
            assertThat(secrets).containsKey((String) map(from.get("secretKeyRef")).get("key"));
        }
    }

    private void assertServiceExposes(String name, int port) throws IOException {
        Map<String, Object> service = named(kind("Service"), name);
        assertThat(maps(map(service.get("spec")).get("ports"))).as(name)
                .anySatisfy(entry -> assertThat(entry.get("port")).isEqualTo(port));
        assertThat(map(map(service.get("spec")).get("selector"))).containsEntry("app.kubernetes.io/name", name);
    }

    private static Object httpPort(Map<String, Object> container) {
        return maps(container.get("ports")).stream().filter(port -> "http".equals(port.get("name"))).findFirst()
                .orElseThrow().get("containerPort");
    }

    /** The ${NAME} placeholders in a service's application*.yml: the environment variables it reads. */
    static Set<String> readBy(String service) throws IOException {
        Set<String> names = new HashSet<>();
        Pattern placeholder = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");
        try (Stream<Path> files = Files.list(ROOT.resolve(service).resolve("src/main/resources"))) {
            for (Path file : files.filter(file -> file.getFileName().toString().startsWith("application")).toList()) {
                Matcher matcher = placeholder.matcher(Files.readString(file));
                while (matcher.find()) {
                    names.add(matcher.group(1));
                }
            }
        }
        assertThat(names).as(service + " reads environment variables").isNotEmpty();
        return names;
    }

    private static String image(String service) throws IOException {
        return "fillonce/" + service + ":" + version();
    }

    private static String version() throws IOException {
        Matcher matcher = Pattern.compile("<artifactId>fillonce</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(ROOT.resolve("pom.xml")));
        assertThat(matcher.find()).isTrue();
        return matcher.group(1);
    }

    private static List<Path> manifests() throws IOException {
        try (Stream<Path> files = Stream.concat(Files.walk(ROOT.resolve("deploy/compose")), Files.walk(K8S))) {
            return files.filter(file -> file.toString().endsWith(".yaml") || file.toString().endsWith(".yml"))
                    .toList();
        }
    }

    private static List<Map<String, Object>> kind(String kind) throws IOException {
        List<Map<String, Object>> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(K8S)) {
            for (Path file : files.filter(file -> file.toString().endsWith(".yaml")).toList()) {
                documents(file).stream().filter(document -> kind.equals(document.get("kind"))).forEach(found::add);
            }
        }
        assertThat(found).as(kind).isNotEmpty();
        return found;
    }

    private static Map<String, Object> named(List<Map<String, Object>> resources, String name) {
        return resources.stream().filter(resource -> name.equals(map(resource.get("metadata")).get("name")))
                .findFirst().orElseThrow(() -> new AssertionError("no resource named " + name));
    }

    private static List<Map<String, Object>> documents(Path file) throws IOException {
        List<Map<String, Object>> documents = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file)) {
            new Yaml().loadAll(reader).forEach(document -> documents.add(map(document)));
        }
        return documents;
    }

    @SuppressWarnings("unchecked")
    private static <V> Map<String, V> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, V>) value;
    }

    private static Map<String, String> stringMap(Object value) {
        return map(value);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        assertThat(value).isInstanceOf(List.class);
        return (List<Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> maps(Object value) {
        return (List<Map<String, Object>>) (List<?>) list(value);
    }
}
