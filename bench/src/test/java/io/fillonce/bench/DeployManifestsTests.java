package io.fillonce.bench;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * deploy/compose and deploy/k8s cannot be run here (no Docker, no cluster), so this checks what can be checked
 * without: every file parses, every environment variable a service is given is one that service reads (a
 * {@code ${NAME}} placeholder in its application*.yml, or announced in docs/conventions.md), ports, probes, images
 * and references between the files agree, and the Kafka brokers are secured like the local stack's (SASL/SCRAM, the
 * StandardAuthorizer, a principal per service whose credentials the broker stores when it formats its storage).
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

    /** Each service's own Kafka principal (docs/conventions.md, "Topics"); fillonce-registry is a super user. */
    static final Map<String, String> KAFKA_PRINCIPALS = Map.of("registry-service", "fillonce-registry",
            "intake-service", "fillonce-intake", "sync-service", "fillonce-sync", "gateway", "fillonce-gateway");

    /** The brokers' super users: their own two (controller listener, between brokers) and registry-service. */
    static final Set<String> SUPER_USERS = Set.of("User:controller", "User:broker", "User:fillonce-registry");

    /** Where the broker's command reads the mounted configuration and writes the copy it starts with. */
    static final String BROKER_CONFIG = "/etc/kafka/fillonce";

    static final String BROKER_PROPERTIES = "/tmp/kafka/server.properties";

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
        Map<String, String> config = stringMap(named(kind("ConfigMap"), "fillonce-config").get("data"));
        Map<String, String> secrets = stringMap(named(kind("Secret"), "fillonce-secrets").get("stringData"));
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
    void composeBrokerRequiresSaslScramAndEachServiceConnectsAsItsOwnPrincipal() throws IOException {
        Map<String, Map<String, Object>> services = map(documents(ROOT.resolve("deploy/compose/compose.yaml"))
                .get(0).get("services"));
        Map<String, Object> kafka = services.get("kafka");
        assertThat(list(kafka.get("volumes"))).contains("./kafka:" + BROKER_CONFIG + ":ro");
        // compose's own interpolation turns $$ into the $ the container's shell sees
        String command = String.join("\n", strings(kafka.get("command"))).replace("$$", "$");
        Properties broker = brokerProperties(
                Files.readString(ROOT.resolve("deploy/compose/kafka/server.properties")), command);
        assertSecured(broker, command);
        assertThat(map(kafka.get("healthcheck")).get("test").toString()).as("the healthcheck authenticates")
                .contains("--command-config /tmp/kafka/admin.properties");
        if (kafka.containsKey("ports")) {
            for (Object published : list(kafka.get("ports"))) {
                String port = String.valueOf(published).replaceAll(".*:", "");
                assertThat(protocolAt(broker, "listeners", port)).as("a published broker port needs TLS")
                        .isEqualTo("SASL_SSL");
            }
        }
        Map<String, Object> kafkaEnv = map(kafka.get("environment"));
        for (String name : SERVICES) {
            Map<String, Object> env = map(services.get(name).get("environment"));
            String principal = KAFKA_PRINCIPALS.get(name);
            assertThat(env).as(name).containsEntry("FILLONCE_KAFKA_USERNAME", principal)
                    .containsKey("FILLONCE_KAFKA_PASSWORD");
            String bootstrap = (String) env.get("KAFKA_BOOTSTRAP_SERVERS");
            assertThat(env.get("FILLONCE_KAFKA_SECURITY_PROTOCOL")).as(name + " speaks the protocol of " + bootstrap)
                    .isEqualTo(protocolAt(broker, "advertised.listeners", bootstrap));
            // the broker stores the service's credentials from the very variable the service is given
            String password = (String) env.get("FILLONCE_KAFKA_PASSWORD");
            Matcher variable = Pattern.compile("^\\$\\{([A-Z0-9_]+):\\?").matcher(password);
            assertThat(variable.find()).as(name + "'s Kafka password is required from the environment").isTrue();
            String stored = scramPasswordVariable(command, principal);
            assertThat(stored).as(name).isEqualTo(variable.group(1));
            assertThat(kafkaEnv.get(stored)).as(name + "'s password reaches the broker").isEqualTo(password);
        }
        assertThat(map(services.get("registry-service").get("environment")))
                .containsEntry("FILLONCE_KAFKA_ACCESS_MANAGED", "true");
    }

    @Test
    void kubernetesBrokersRequireSaslScramAndEachServiceConnectsAsItsOwnPrincipal() throws IOException {
        Map<String, Object> statefulSet = named(kind("StatefulSet"), "kafka");
        Map<String, Object> spec = map(statefulSet.get("spec"));
        Map<String, Object> podSpec = map(map(spec.get("template")).get("spec"));
        Map<String, Object> container = container(spec);
        String configMap = maps(container.get("volumeMounts")).stream()
                .filter(mount -> BROKER_CONFIG.equals(mount.get("mountPath"))).map(mount -> mount.get("name"))
                .flatMap(volume -> maps(podSpec.get("volumes")).stream().filter(v -> volume.equals(v.get("name"))))
                .map(v -> (String) map(v.get("configMap")).get("name")).findFirst().orElseThrow();
        String command = String.join("\n", strings(container.get("command")));
        Properties broker = brokerProperties(
                stringMap(named(kind("ConfigMap"), configMap).get("data")).get("server.properties"), command);
        assertSecured(broker, command);

        // a quorum of every node, each at its own name under the headless Service; the services' bootstrap list
        String service = (String) spec.get("serviceName");
        int replicas = (Integer) spec.get("replicas");
        String controllerPort = portOf(broker, "listeners", broker.getProperty("controller.listener.names"));
        assertThat(broker.getProperty("controller.quorum.voters")).isEqualTo(String.join(",", IntStream
                .range(0, replicas).mapToObj(i -> i + "@kafka-" + i + "." + service + ":" + controllerPort).toList()));
        assertThat(broker.getProperty("advertised.listeners")).startsWith("INTERNAL://$HOSTNAME." + service + ":");
        assertThat(broker.getProperty("node.id")).isEqualTo("${HOSTNAME##*-}");
        Map<String, String> config = stringMap(named(kind("ConfigMap"), "fillonce-config").get("data"));
        Map<String, String> secrets = stringMap(named(kind("Secret"), "fillonce-secrets").get("stringData"));
        String protocol = config.get("FILLONCE_KAFKA_SECURITY_PROTOCOL");
        String clientPort = portOf(broker, "advertised.listeners", "INTERNAL");
        assertThat(protocolAt(broker, "listeners", clientPort)).isEqualTo(protocol);
        assertThat(config.get("KAFKA_BOOTSTRAP_SERVERS")).isEqualTo(String.join(",", IntStream.range(0, replicas)
                .mapToObj(i -> "kafka-" + i + "." + service + ":" + clientPort).toList()));
        for (Map<String, Object> exposing : kind("Service").stream()
                .filter(s -> "kafka".equals(map(map(s.get("spec")).get("selector")).get("app.kubernetes.io/name")))
                .toList()) {
            Map<String, Object> serviceSpec = map(exposing.get("spec"));
            if (List.of("NodePort", "LoadBalancer").contains(String.valueOf(serviceSpec.get("type")))) {
                for (Map<String, Object> port : maps(serviceSpec.get("ports"))) {
                    Object target = port.getOrDefault("targetPort", port.get("port"));
                    String containerPort = target instanceof String named ? String.valueOf(maps(container.get("ports"))
                            .stream().filter(p -> named.equals(p.get("name"))).findFirst().orElseThrow()
                            .get("containerPort")) : String.valueOf(target);
                    assertThat(protocolAt(broker, "listeners", containerPort))
                            .as("a broker port reached from outside needs TLS").isEqualTo("SASL_SSL");
                }
            }
        }
        assertThat(map(named(kind("Service"), service).get("spec"))).as("headless: a DNS name per node")
                .containsEntry("clusterIP", "None");

        // the node stores each service's credentials from the very Secret key the service is given
        Map<String, Map<String, Object>> kafkaEnv = new HashMap<>();
        for (Map<String, Object> entry : maps(container.get("env"))) {
            kafkaEnv.put((String) entry.get("name"), entry);
            assertReferenceResolves(entry, config, secrets);
        }
        for (String name : SERVICES) {
            Map<String, Map<String, Object>> env = new HashMap<>();
            maps(container(map(named(kind("Deployment"), name).get("spec"))).get("env"))
                    .forEach(entry -> env.put((String) entry.get("name"), entry));
            String principal = KAFKA_PRINCIPALS.get(name);
            assertThat(env).as(name).containsKeys("FILLONCE_KAFKA_SECURITY_PROTOCOL", "FILLONCE_KAFKA_USERNAME",
                    "FILLONCE_KAFKA_PASSWORD");
            assertThat(env.get("FILLONCE_KAFKA_USERNAME").get("value")).as(name).isEqualTo(principal);
            assertThat(map(map(env.get("FILLONCE_KAFKA_SECURITY_PROTOCOL").get("valueFrom")).get("configMapKeyRef")))
                    .containsEntry("key", "FILLONCE_KAFKA_SECURITY_PROTOCOL");
            Map<String, Object> password = map(env.get("FILLONCE_KAFKA_PASSWORD").get("valueFrom"));
            Map<String, Object> stored = kafkaEnv.get(scramPasswordVariable(command, principal));
            assertThat(stored).as(name + "'s password reaches the broker").isNotNull();
            assertThat(map(stored.get("valueFrom"))).as(name).isEqualTo(password);
        }
        Map<String, Object> registry = container(map(named(kind("Deployment"), "registry-service").get("spec")));
        assertThat(maps(registry.get("env"))).anySatisfy(entry -> assertThat(entry)
                .containsEntry("name", "FILLONCE_KAFKA_ACCESS_MANAGED").containsEntry("value", "true"));
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

    /**
     * What ./fillonce's broker is: every listener SASL (SCRAM-SHA-512 for clients and between brokers, PLAIN on the
     * controller listener, each with its JAAS line), the StandardAuthorizer, nothing without an ACL, the broker's own
     * users and registry-service its only super users; the storage formatted with every principal's credentials.
     */
    private static void assertSecured(Properties broker, String command) {
        assertThat(broker.getProperty("authorizer.class.name"))
                .isEqualTo("org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        assertThat(broker.getProperty("allow.everyone.if.no.acl.found")).isEqualTo("false");
        assertThat(Set.of(broker.getProperty("super.users").split(";"))).isEqualTo(SUPER_USERS);
        String controller = broker.getProperty("controller.listener.names");
        assertThat(broker.getProperty("sasl.mechanism.controller.protocol")).isEqualTo("PLAIN");
        assertThat(broker.getProperty("sasl.mechanism.inter.broker.protocol")).isEqualTo("SCRAM-SHA-512");
        assertThat(protocolOf(broker, broker.getProperty("inter.broker.listener.name"))).startsWith("SASL_");
        for (String listener : broker.getProperty("listeners").split(",")) {
            String name = listener.substring(0, listener.indexOf("://"));
            assertThat(protocolOf(broker, name)).as(name).isIn("SASL_PLAINTEXT", "SASL_SSL");
            String prefix = "listener.name." + name.toLowerCase() + ".";
            String mechanisms = broker.getProperty(prefix + "sasl.enabled.mechanisms",
                    broker.getProperty("sasl.enabled.mechanisms"));
            assertThat(mechanisms).as(name).isEqualTo(name.equals(controller) ? "PLAIN" : "SCRAM-SHA-512");
            assertThat(broker).as(name + " has its JAAS line")
                    .containsKey(prefix + mechanisms.toLowerCase() + ".sasl.jaas.config");
        }
        assertThat(command)
                .contains("/opt/kafka/bin/kafka-storage.sh format --ignore-formatted -t \"$KAFKA_CLUSTER_ID\" -c "
                        + BROKER_PROPERTIES)
                .contains("exec /opt/kafka/bin/kafka-server-start.sh " + BROKER_PROPERTIES);
        scramPasswordVariable(command, "broker");
        KAFKA_PRINCIPALS.values().forEach(principal -> scramPasswordVariable(command, principal));
    }

    /** The variable whose value the broker's command formats the storage with as the principal's SCRAM password. */
    private static String scramPasswordVariable(String command, String principal) {
        Matcher matcher = Pattern.compile("--add-scram \"SCRAM-SHA-512=\\[name=" + Pattern.quote(principal)
                + ",password=\\$([A-Z0-9_]+)]\"").matcher(command);
        assertThat(matcher.find()).as("the storage is formatted with " + principal + "'s credentials").isTrue();
        return matcher.group(1);
    }

    /**
     * The mounted server.properties and what the command appends to the copy the broker starts with (the
     * {@code echo "name=value"} lines between {@code { cat <mounted>} and {@code } > <copy>}).
     */
    private static Properties brokerProperties(String file, String command) throws IOException {
        Properties properties = new Properties();
        properties.load(new StringReader(file));
        Matcher copy = Pattern.compile("(?s)\\{ cat " + Pattern.quote(BROKER_CONFIG + "/server.properties")
                + "\n(.*?)\n\\s*} > " + Pattern.quote(BROKER_PROPERTIES)).matcher(command);
        assertThat(copy.find()).as("the command writes " + BROKER_PROPERTIES).isTrue();
        Matcher appended = Pattern.compile("(?m)^\\s*echo \"([a-z0-9.-]+)=(.*)\"$").matcher(copy.group(1));
        while (appended.find()) {
            properties.setProperty(appended.group(1), appended.group(2));
        }
        return properties;
    }

    private static String protocolOf(Properties broker, String listener) {
        return Stream.of(broker.getProperty("listener.security.protocol.map").split(","))
                .filter(entry -> entry.startsWith(listener + ":")).map(entry -> entry.substring(listener.length() + 1))
                .findFirst().orElseThrow(() -> new AssertionError("no protocol for listener " + listener));
    }

    /** The protocol of the listener (in {@code listeners} or {@code advertised.listeners}) at host:port or port. */
    private static String protocolAt(Properties broker, String key, String address) {
        return Stream.of(broker.getProperty(key).split(","))
                .filter(listener -> listener.endsWith(address.contains(":") ? "//" + address : ":" + address))
                .map(listener -> protocolOf(broker, listener.substring(0, listener.indexOf("://")))).findFirst()
                .orElseThrow(() -> new AssertionError("no listener in " + key + " at " + address));
    }

    private static String portOf(Properties broker, String key, String listener) {
        return Stream.of(broker.getProperty(key).split(",")).filter(entry -> entry.startsWith(listener + "://"))
                .map(entry -> entry.substring(entry.lastIndexOf(':') + 1)).findFirst()
                .orElseThrow(() -> new AssertionError("no listener " + listener + " in " + key));
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

    private static List<String> strings(Object value) {
        return list(value).stream().map(String.class::cast).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> maps(Object value) {
        return (List<Map<String, Object>>) (List<?>) list(value);
    }
}
