package io.fillonce.local.manifests;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ComposeStackTests {

    static final List<String> KAFKA_NODES = List.of("kafka-1", "kafka-2", "kafka-3");

    static final List<String> MONGODB_MEMBERS = List.of("mongodb-1", "mongodb-2", "mongodb-3");

    static final Map<String, String> PRINCIPALS = Map.of("registry-service", "fillonce-registry", "intake-service",
            "fillonce-intake", "sync-service", "fillonce-sync", "gateway", "fillonce-gateway");

    @Test
    void eachServiceIsGivenOnlyWhatItReadsAndEverythingItRequires() {
        for (String name : ServiceSettings.SERVICES) {
            ServiceSettings settings = ServiceSettings.of(name);
            Map<String, String> environment = ComposeFile.environment(name);
            assertThat(settings.reads()).as(ComposeFile.NAME + ": " + name + " reads every variable it is given")
                    .containsAll(environment.keySet());
            assertThat(environment.keySet()).as(ComposeFile.NAME + ": " + name + " is given what it requires")
                    .containsAll(settings.required());
            if (settings.reads().contains("FILLONCE_TOPIC_REPLICATION")) {
                assertThat(environment).as(ComposeFile.NAME + ": " + name)
                        .containsEntry("FILLONCE_TOPIC_REPLICATION", "3");
            }
        }
    }

    @Test
    void everyLongRunningContainerHasAHealthcheckAndEachStartsAfterWhatItNeedsIsReady() {
        Map<String, Object> services = Tree.map(ComposeFile.content(), "services", ComposeFile.NAME);
        for (String name : services.keySet()) {
            Map<String, Object> service = ComposeFile.service(name);
            String where = ComposeFile.NAME + ": services." + name;
            if (!oneShot(service)) {
                assertThat(Tree.at(service, "healthcheck.test")).as(where + " has a healthcheck").isNotNull();
            }
            Object dependsOn = service.get("depends_on");
            if (dependsOn != null) {
                Tree.map(dependsOn, where + ".depends_on").forEach((dependency, condition) -> assertThat(
                        Tree.text(Tree.map(condition, where + ".depends_on." + dependency).get("condition")))
                        .as(where + " waits for " + dependency)
                        .isEqualTo(oneShot(ComposeFile.service(dependency)) ? "service_completed_successfully"
                                : "service_healthy"));
            }
        }
        for (String name : ServiceSettings.SERVICES) {
            Map<String, Object> dependsOn = Tree.map(ComposeFile.service(name), "depends_on", name);
            if (ServiceSettings.of(name).reads().contains("MONGODB_URI")) {
                assertThat(dependsOn).as(name + " starts once the replica set is initiated")
                        .containsKey("mongodb-init");
            }
        }
        assertThat(Tree.map(ComposeFile.service("registry-service"), "depends_on", "registry-service"))
                .as("registry-service waits for every Kafka node").containsKeys(KAFKA_NODES.toArray(String[]::new));
    }

    @Test
    void eachServicesHealthcheckAsksItsOwnReadinessPath() {
        for (String name : ServiceSettings.SERVICES) {
            int port = ServiceSettings.of(name).serverPort().in(ComposeFile.environment(name));
            assertThat(Tree.text(Tree.at(ComposeFile.service(name), "healthcheck.test")))
                    .as(ComposeFile.NAME + ": " + name + "'s healthcheck")
                    .contains("http://127.0.0.1:" + port + "/readyz");
        }
    }

    @Test
    void onlyTheGatewayPublishesAPort() {
        Tree.map(ComposeFile.content(), "services", ComposeFile.NAME).forEach((name, service) ->
                assertThat(Tree.map(service, name).containsKey("ports"))
                        .as(ComposeFile.NAME + ": services." + name + " publishes a port")
                        .isEqualTo(name.equals("gateway")));
        assertThat(ComposeFile.service("gateway").get("ports")).isEqualTo(List.of("8080:8080"));
    }

    @Test
    void threeKafkaNodesFormOneQuorumWithThreeReplicasOfEveryWrite() throws IOException {
        Properties shared = sharedBrokerProperties();
        assertThat(shared.getProperty("controller.quorum.voters")).as("kafka/server.properties")
                .isEqualTo("1@kafka-1:9093,2@kafka-2:9093,3@kafka-3:9093");
        assertThat(shared).as("kafka/server.properties").containsEntry("process.roles", "broker,controller")
                .containsEntry("default.replication.factor", "3").containsEntry("min.insync.replicas", "2")
                .containsEntry("offsets.topic.replication.factor", "3")
                .containsEntry("transaction.state.log.replication.factor", "3")
                .containsEntry("transaction.state.log.min.isr", "2");
        for (String node : KAFKA_NODES) {
            Map<String, String> environment = ComposeFile.environment(node);
            String id = node.substring(node.indexOf('-') + 1);
            assertThat(environment).as(ComposeFile.NAME + ": " + node).containsEntry("KAFKA_NODE_ID", id);
            Properties broker = BrokerCommand.of(ComposeFile.service(node)).properties(shared);
            assertThat(broker.getProperty("node.id")).as(node).isEqualTo("$KAFKA_NODE_ID");
            assertThat(broker.getProperty("advertised.listeners")).as(node)
                    .isEqualTo("INTERNAL://kafka-$KAFKA_NODE_ID:9092");
            assertThat(ComposeFile.service(node).get("volumes").toString()).as(node + " keeps its own data")
                    .contains(node + "-data:/var/lib/kafka/data");
            assertThat(environment.get("KAFKA_CLUSTER_ID")).as(node + " formats the one cluster")
                    .isEqualTo(ComposeFile.environment("kafka-1").get("KAFKA_CLUSTER_ID"));
        }
        for (String name : ServiceSettings.SERVICES) {
            assertThat(ComposeFile.environment(name).get("KAFKA_BOOTSTRAP_SERVERS")).as(name + "'s bootstrap list")
                    .isEqualTo("kafka-1:9092,kafka-2:9092,kafka-3:9092");
        }
    }

    @Test
    void theBrokersAreSecuredLikeTheLocalStacksAndStoreEachServicesOwnPassword() throws IOException {
        Properties shared = sharedBrokerProperties();
        assertThat(shared).as("kafka/server.properties")
                .containsEntry("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer")
                .containsEntry("allow.everyone.if.no.acl.found", "false")
                .containsEntry("listener.security.protocol.map", "INTERNAL:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT")
                .containsEntry("sasl.enabled.mechanisms", "SCRAM-SHA-512")
                .containsEntry("sasl.mechanism.inter.broker.protocol", "SCRAM-SHA-512")
                .containsEntry("sasl.mechanism.controller.protocol", "PLAIN");
        assertThat(Set.of(shared.getProperty("super.users").split(";")))
                .isEqualTo(Set.of("User:controller", "User:broker", "User:fillonce-registry"));
        for (String node : KAFKA_NODES) {
            BrokerCommand command = BrokerCommand.of(ComposeFile.service(node));
            Properties broker = command.properties(shared);
            assertThat(broker).as(node + " has both JAAS lines")
                    .containsKeys("listener.name.internal.scram-sha-512.sasl.jaas.config",
                            "listener.name.controller.plain.sasl.jaas.config");
            Map<String, String> nodeEnvironment = ComposeFile.environment(node);
            for (String service : ServiceSettings.SERVICES) {
                Map<String, String> environment = ComposeFile.environment(service);
                String principal = PRINCIPALS.get(service);
                assertThat(environment).as(service).containsEntry("FILLONCE_KAFKA_USERNAME", principal)
                        .containsEntry("FILLONCE_KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT");
                String stored = nodeEnvironment.get(command.scramPasswordVariable(principal));
                assertThat(stored).as(node + " stores the very password " + service + " logs in with")
                        .isNotBlank().isEqualTo(environment.get("FILLONCE_KAFKA_PASSWORD"));
            }
            command.scramPasswordVariable("broker");
        }
        assertThat(ComposeFile.environment("registry-service"))
                .containsEntry("FILLONCE_KAFKA_ACCESS_MANAGED", "true");
    }

    @Test
    void mongodbIsAReplicaSetOfThreeWithKeyfileAuthInitiatedByAOneShot() {
        for (String member : MONGODB_MEMBERS) {
            String command = String.join("\n", Tree.list(ComposeFile.service(member).get("command"), member)
                    .stream().map(String::valueOf).toList());
            assertThat(command).as(ComposeFile.NAME + ": " + member).contains("mongod --replSet rs0")
                    .contains("--keyFile /etc/mongodb-keyfile").contains("/run/secrets/mongodb-keyfile");
        }
        Map<String, Object> init = ComposeFile.service("mongodb-init");
        assertThat(oneShot(init)).as("mongodb-init runs once").isTrue();
        String script = String.join("\n", Tree.list(init.get("command"), "mongodb-init").stream()
                .map(String::valueOf).toList());
        assertThat(script).as("mongodb-init initiates only a set that is not yet initiated")
                .contains("NotYetInitialized").contains("rs.initiate(")
                .contains("mongodb-1:27017").contains("mongodb-2:27017").contains("mongodb-3:27017");
        for (String name : ServiceSettings.SERVICES) {
            String uri = ComposeFile.environment(name).get("MONGODB_URI");
            if (ServiceSettings.of(name).reads().contains("MONGODB_URI")) {
                assertThat(uri).as(name + "'s MONGODB_URI")
                        .contains("@mongodb-1:27017,mongodb-2:27017,mongodb-3:27017/").contains("replicaSet=rs0");
            }
        }
    }

    @Test
    void everySecretAndEnvFileIsOneMakeSecretsWritesOutsideGit() throws IOException {
        Map<String, Object> declared = Tree.map(ComposeFile.content(), "secrets", ComposeFile.NAME);
        declared.forEach((name, secret) -> ComposeFile.secretFile(
                Tree.text(Tree.map(secret, ComposeFile.NAME + ": secrets." + name).get("file"))));
        Tree.map(ComposeFile.content(), "services", ComposeFile.NAME).forEach((name, value) -> {
            Map<String, Object> service = Tree.map(value, name);
            ComposeFile.envFiles(service).forEach(ComposeFile::secretFile);
            if (service.get("secrets") != null) {
                assertThat(declared).as(ComposeFile.NAME + ": the secrets " + name + " mounts are declared")
                        .containsKeys(Tree.list(service.get("secrets"), name).stream().map(String::valueOf)
                                .toArray(String[]::new));
            }
        });
        assertThat(Repository.read(Repository.COMPOSE.resolve(".gitignore")).lines())
                .as("deploy/compose/.gitignore keeps the secrets out of git").contains("secrets/");
        Path existing = ComposeFile.secretsFolder();
        assertThat(ComposeFile.makeSecrets(existing).exitCode()).as("make-secrets.sh overwrites no secrets")
                .isNotZero();
        assertThat(Files.readString(existing.resolve("kafka.env"))).contains("FILLONCE_KAFKA_BROKER_PASSWORD=");
    }

    private static boolean oneShot(Map<String, Object> service) {
        return "no".equals(Tree.text(service.get("restart")));
    }

    private static Properties sharedBrokerProperties() throws IOException {
        Properties properties = new Properties();
        properties.load(new StringReader(Repository.read(Repository.COMPOSE.resolve("kafka/server.properties"))));
        return properties;
    }

    /** The command a compose broker starts with: the properties it appends, the credentials it formats with. */
    record BrokerCommand(String script) {

        static BrokerCommand of(Map<String, Object> service) {
            List<String> parts = Tree.list(service.get("command"), "command").stream().map(String::valueOf).toList();
            // compose turns $$ into the $ the container's shell sees
            return new BrokerCommand(String.join("\n", parts).replace("$$", "$"));
        }

        Properties properties(Properties shared) {
            Properties properties = new Properties();
            properties.putAll(shared);
            Matcher copy = Pattern.compile("(?s)\\{ cat /etc/kafka/fillonce/server.properties\n(.*?)\n\\s*} > "
                    + "/tmp/kafka/server.properties").matcher(script);
            assertThat(copy.find()).as("the command writes /tmp/kafka/server.properties").isTrue();
            Matcher appended = Pattern.compile("(?m)^\\s*echo \"([a-z0-9.-]+)=(.*)\"$").matcher(copy.group(1));
            while (appended.find()) {
                properties.setProperty(appended.group(1), appended.group(2));
            }
            assertThat(script).contains("kafka-storage.sh format --ignore-formatted -t \"$KAFKA_CLUSTER_ID\" -c "
                    + "/tmp/kafka/server.properties").contains("exec /opt/kafka/bin/kafka-server-start.sh "
                    + "/tmp/kafka/server.properties");
            return properties;
        }

        String scramPasswordVariable(String principal) {
            Matcher matcher = Pattern.compile("--add-scram \"SCRAM-SHA-512=\\[name=" + Pattern.quote(principal)
                    + ",password=\\$([A-Z0-9_]+)]\"").matcher(script);
            assertThat(matcher.find()).as("the storage is formatted with " + principal + "'s credentials").isTrue();
            return matcher.group(1);
        }
    }
}
