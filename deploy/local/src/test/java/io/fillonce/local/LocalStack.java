package io.fillonce.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Drives {@code ./fillonce} as a user would, on ports and a home folder of the test's own. */
final class LocalStack {

    static final int GATEWAY_PORT = 18080;
    static final int KAFKA_PORT = 19092;
    static final int INTAKE_PORT = 18081;
    static final int SYNC_PORT = 18082;
    static final int REGISTRY_PORT = 18083;
    static final int MONGO_PORT = 27917;

    private final Path root = Path.of(System.getProperty("fillonce.root", "../..")).toAbsolutePath().normalize();
    private final Path home = Path.of(System.getProperty("fillonce.stack-home", "target/stack-home")).toAbsolutePath();

    record Outcome(int exitCode, String output) {
    }

    Outcome run(String command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(root.resolve("fillonce").toString(), command)
                .directory(root.toFile())
                .redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.remove("KAFKA_BOOTSTRAP_SERVERS");
        env.remove("MONGODB_URI");
        env.put("FILLONCE_HOME", home.toString());
        env.put("GATEWAY_PORT", String.valueOf(GATEWAY_PORT));
        env.put("GATEWAY_MANAGEMENT_PORT", "18090");
        env.put("INTAKE_PORT", String.valueOf(INTAKE_PORT));
        env.put("SYNC_PORT", String.valueOf(SYNC_PORT));
        env.put("REGISTRY_PORT", String.valueOf(REGISTRY_PORT));
        env.put("KAFKA_PORT", String.valueOf(KAFKA_PORT));
        env.put("KAFKA_CONTROLLER_PORT", "19093");
        env.put("MONGO_PORT", String.valueOf(MONGO_PORT));
        env.put("FILLONCE_KAFKA_ENDED_READ_GRACE", "5s");
        // every department message sync writes, with its trace id, in sync's log (off by default)
        env.put("LOGGING_LEVEL_IO_FILLONCE_SYNC_DELIVERIES", "DEBUG");
        // a failing webhook is dead-lettered within seconds, and its alert fires soon after, not minutes later
        env.put("FILLONCE_SYNC_WEBHOOKS_MAX_ATTEMPTS", "2");
        env.put("FILLONCE_SYNC_WEBHOOKS_INITIAL_BACKOFF", "100ms");
        env.put("FILLONCE_SYNC_WEBHOOKS_MAX_BACKOFF", "500ms");
        env.put("FILLONCE_SYNC_WEBHOOKS_BREAKER_WAIT", "2s");
        env.put("FILLONCE_ALERT_FAILING_FOR", "5s");
        env.put("FILLONCE_ALERTS_EVERY", "1s");
        env.put("FILLONCE_FLOWS_REFRESH", "2s");
        env.put("FILLONCE_TRACE_LINK", "http://traces.example/trace/{traceId}");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("./fillonce " + command + " did not finish in 5 minutes:\n" + output);
        }
        System.out.println("./fillonce " + command + " ->\n" + output);
        return new Outcome(process.exitValue(), output);
    }

    /** A fresh start: what {@code rm -rf .fillonce} is for a user. */
    void wipeHome() throws IOException {
        if (Files.exists(home)) {
            try (Stream<Path> paths = Files.walk(home)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    /** The secret the gateway signs identities with, which {@code ./fillonce} gives every service too. */
    String identitySecret() throws IOException {
        return Files.readString(home.resolve("identity.key")).trim();
    }

    String adminKey() throws IOException {
        return Files.readString(home.resolve("admin.key")).trim();
    }

    Path home() {
        return home;
    }

    /** How a Fill Once service connects to the local broker: as its own principal, with the password ./fillonce made. */
    Properties servicePrincipal(String principal) throws IOException {
        return KafkaPrincipals.scram(kafka(), principal,
                Files.readString(home.resolve("kafka-secrets").resolve(principal)).trim());
    }

    String gateway() {
        return "http://127.0.0.1:" + GATEWAY_PORT;
    }

    String kafka() {
        return "127.0.0.1:" + KAFKA_PORT;
    }
}
