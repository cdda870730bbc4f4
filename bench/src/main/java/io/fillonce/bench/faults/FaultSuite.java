package io.fillonce.bench.faults;

import static io.fillonce.bench.platform.BenchCatalogue.await;
import static io.fillonce.bench.platform.BenchCatalogue.created;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import io.fillonce.bench.platform.Gateway;
import io.fillonce.bench.platform.Http;
import io.fillonce.bench.platform.Http.Answer;
import io.fillonce.bench.platform.Progress;
import io.fillonce.bench.platform.RecordShape;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code ./fillonce faults}: breaks the running local stack in known ways while a known set of submissions flows, and
 * checks at the departments' own receivers that every submission arrived once, in order. Two departments read their
 * topics with their own Kafka credentials; two take webhooks and verify every signature. Each scenario prints
 * <pre>{@code <scenario> delivered/expected=<ratio> duplicate-ids=<n> out-of-order=<n>}</pre>
 * (the ratio rounded down, so a single loss never shows as 1.000), then what the fault saw; the exit status is 1 if
 * any scenario lost, duplicated or reordered anything, or failed a check of its own. Everything it says goes to
 * stdout; the Kafka clients' own warnings (a broker down) go to stderr.
 */
public final class FaultSuite {

    static final String REGION = "370602";
    static final String TYPE = "faults-record";
    private static final Duration SETTLE_QUIET = Duration.ofSeconds(120);

    private final FaultSettings settings;
    private final Stack stack;
    private final Http http = new Http();
    private final Gateway gateway;
    private final Progress progress = new Progress(System.out);
    private final Scoreboard scoreboard = new Scoreboard();
    private final Map<String, WebhookReceiver> webhooks = new LinkedHashMap<>();
    private final List<TopicReceiver> topics = new ArrayList<>();
    private final List<String> cadreKeys = new ArrayList<>();
    private final String batch = UUID.randomUUID().toString().substring(0, 6);
    private final List<String> topicDepartments = List.of("faults-topic-a-" + batch, "faults-topic-b-" + batch);
    private final List<String> webhookDepartments = List.of("faults-hook-a-" + batch, "faults-hook-b-" + batch);

    private FaultSuite(FaultSettings settings) throws IOException {
        this.settings = settings;
        this.stack = new Stack(settings.root(), settings.home());
        this.gateway = new Gateway(http, URI.create(settings.gateway()),
                Files.readString(settings.home().resolve("admin.key")).strip());
    }

    public static void main(String[] args) throws Exception {
        if (List.of(args).contains("--help")) {
            System.out.print(FaultSettings.USAGE);
            return;
        }
        try {
            FaultSettings settings = FaultSettings.parse(args);
            if (settings.list()) {
                Scenarios.chosen(settings.scenarios(), settings.brokers()).forEach(s -> System.out.println(s.name()));
                return;
            }
            System.exit(new FaultSuite(settings).run() ? 0 : 1);
        }
        catch (IllegalArgumentException e) {
            System.out.println(e.getMessage());
            System.exit(2);
        }
        catch (Exception e) {
            System.out.println("The fault suite could not go on: " + e);
            System.exit(1);
        }
    }

    List<String> topicDepartments() {
        return topicDepartments;
    }

    List<String> webhookDepartments() {
        return webhookDepartments;
    }

    WebhookReceiver webhook(String department) {
        return webhooks.get(department);
    }

    Gateway gateway() {
        return gateway;
    }

    FaultSettings settings() {
        return settings;
    }

    /** The client settings of a principal of the local broker, from the data folder's secrets. */
    Properties kafkaPrincipal(String principal) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(settings.home().resolve("kafka-admin.properties"))) {
            properties.load(reader);
        }
        String password = Files.readString(settings.home().resolve("kafka-secrets").resolve(principal)).strip();
        properties.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required "
                + "username=\"" + principal + "\" password=\"" + password + "\";");
        return properties;
    }

    private boolean run() throws Exception {
        List<Scenario> scenarios = Scenarios.chosen(settings.scenarios(), stack.brokers());
        progress.line("Fault suite on %d broker(s): %d scenario(s), each %d entities × %d versions = %d submissions "
                + "to %d departments (%s by topic, %s by webhook)", stack.brokers(), scenarios.size(),
                settings.entities(), settings.versions(), settings.entities() * settings.versions(),
                topicDepartments.size() + webhookDepartments.size(), topicDepartments, webhookDepartments);
        prepare();
        List<String> lines = new ArrayList<>();
        boolean clean = true;
        for (Scenario scenario : scenarios) {
            Verdict verdict = new ScenarioRun(this, stack, scenario, progress, scoreboard, cadreKeys).run();
            lines.add(verdict.line());
            progress.print(verdict.line());
            verdict.trial().details().forEach(detail -> progress.print("    " + detail));
            verdict.trial().problems().forEach(problem -> progress.print("    PROBLEM: " + problem));
            clean &= verdict.clean();
        }
        for (TopicReceiver topic : topics) {
            topic.close();
        }
        webhooks.values().forEach(WebhookReceiver::close);
        progress.print("");
        progress.print("Fault suite on " + stack.brokers() + " broker(s):");
        lines.forEach(progress::print);
        return clean;
    }

    // ------------------------------------------------------------------------------------------------ catalogue

    /** The record type, the departments (and their receivers), their subscriptions and the cadres. */
    private void prepare() throws Exception {
        RecordShape shape = new RecordShape(RecordShape.MIN_BYTES);
        Answer type = gateway.adminPost("/api/registry/record-types", shape.recordType(TYPE));
        if (type.status() != 409) { // a second run on the same stack finds it there
            created(type, "record type " + TYPE);
        }
        List<String> subscriptions = new ArrayList<>();
        for (String department : topicDepartments) {
            JsonNode created = department(department, null);
            topics.add(new TopicReceiver(department, credentials(created.path("kafka")), scoreboard));
            subscriptions.add(subscribe(department, "topic"));
        }
        for (String department : webhookDepartments) {
            WebhookReceiver receiver = new WebhookReceiver(department, scoreboard);
            webhooks.put(department, receiver);
            receiver.secret(department(department, receiver.url()).path("webhook").path("secret").asString());
            subscriptions.add(subscribe(department, "webhook"));
        }
        for (int i = 0; i < settings.workers(); i++) {
            ObjectNode cadre = Http.JSON.createObjectNode().put("id", "faults-cadre-" + batch + "-" + i)
                    .put("name", "Fault suite cadre " + i).put("regionCode", REGION);
            cadreKeys.add(created(gateway.adminPost("/api/registry/cadres", cadre), "cadre").path("apiKey").asString());
        }
        progress.line("catalogue in place; waiting until the gateway, intake and sync know it");
        for (String key : cadreKeys) {
            await("cadre key and record type", () -> {
                Answer probe = gateway.cadrePost("/api/records/" + TYPE, key, Http.JSON.createObjectNode());
                return probe.status() == 422 ? null : probe.describe();
            });
        }
        for (String id : subscriptions) {
            await("subscription " + id, () -> {
                Answer preview = gateway.adminPost("/api/registry/subscriptions/" + id + "/preview",
                        Http.JSON.createObjectNode().put("idNumber", "x").put("run", "probe").put("seq", 1)
                                .put("name", "x").put("regionCode", REGION));
                return preview.ok() && "probe".equals(preview.body().path("payload").path("run").asString())
                        ? null : preview.describe();
            });
        }
    }

    private JsonNode department(String code, String webhookUrl) throws IOException, InterruptedException {
        ObjectNode department = Http.JSON.createObjectNode().put("code", code).put("name", "Fault suite " + code);
        if (webhookUrl != null) {
            department.putObject("webhook").put("url", webhookUrl);
        }
        return created(gateway.adminPost("/api/registry/departments", department), "department " + code);
    }

    private String subscribe(String department, String channel) throws IOException, InterruptedException {
        ObjectNode subscription = (ObjectNode) RecordShape.subscription(department, TYPE);
        subscription.putArray("channels").add(channel);
        return created(gateway.adminPost("/api/registry/subscriptions", subscription), "subscription of "
                + department).path("id").asString();
    }

    private static Properties credentials(JsonNode kafka) {
        Properties properties = new Properties();
        properties.put("bootstrap.servers", kafka.path("bootstrapServers").asString());
        properties.put("security.protocol", kafka.path("securityProtocol").asString());
        properties.put("sasl.mechanism", kafka.path("saslMechanism").asString());
        properties.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required "
                + "username=\"" + kafka.path("username").asString() + "\" password=\""
                + kafka.path("password").asString() + "\";");
        return properties;
    }

    static Duration settleQuiet() {
        return SETTLE_QUIET;
    }

    /** What a scenario came to. */
    record Verdict(Scenario scenario, Trial trial) {

        boolean clean() {
            Scoreboard.Books books = trial.books;
            return books.delivered() == books.expected() && books.duplicateIds() == 0 && books.outOfOrder() == 0
                    && books.outside() == 0 && trial.problems().isEmpty();
        }

        String line() {
            Scoreboard.Books books = trial.books;
            double ratio = Math.floor(1000.0 * books.delivered() / books.expected()) / 1000;
            return String.format(Locale.ROOT, "%s delivered/expected=%.3f duplicate-ids=%d out-of-order=%d",
                    scenario.name(), ratio, books.duplicateIds(), books.outOfOrder());
        }
    }

    static Path path(String text) {
        return Path.of(text).toAbsolutePath().normalize();
    }
}
