package io.fillonce.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * intake-service as it ships: its Boot jar in a child JVM, configured through the environment variables the
 * deploy targets set, reached over HTTP like the gateway reaches it.
 */
final class IntakeInstance implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Process process;

    private final Path log;

    private final int port;

    /** HTTP/1.1: the JDK client's default h2c upgrade of a request with a body is not answered by Tomcat. */
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    IntakeInstance(BenchSettings settings, Infrastructure infrastructure, Identity identity, Path log)
            throws IOException {
        this.log = log;
        this.port = freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(settings.intakeJavaOptions());
        command.addAll(List.of("-jar", settings.intakeJar().toString()));
        command.addAll(settings.intakeArguments());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> env = builder.environment();
        env.put("INTAKE_PORT", String.valueOf(port));
        env.put("KAFKA_BOOTSTRAP_SERVERS", infrastructure.bootstrapServers());
        env.put("MONGODB_URI", infrastructure.mongoUri());
        env.put("FILLONCE_TOPIC_PARTITIONS", String.valueOf(settings.partitions()));
        env.put("FILLONCE_IDENTITY_SECRET", identity.secret());
        env.put("FILLONCE_REGISTRY_VERIFY_KEY", infrastructure.registryVerifyKey());
        process = builder.start();
    }

    void awaitReady(Duration timeout) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline) && process.isAlive()) {
            try {
                if (get("/readyz").statusCode() == 200) {
                    return;
                }
            }
            catch (IOException notListeningYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("intake-service did not become ready; its log: " + log);
    }

    /** Uploads NDJSON as one bulk upload and waits until intake has worked through it; the job as intake shows it. */
    JsonNode bulkUpload(String type, String ndjson, Map<String, String> caller) throws IOException, InterruptedException {
        HttpRequest.Builder upload = HttpRequest.newBuilder(uri("/api/records/" + type + "/batch"))
                .timeout(Duration.ofMinutes(5)).header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(ndjson));
        caller.forEach(upload::header);
        HttpResponse<String> accepted = http.send(upload.build(), HttpResponse.BodyHandlers.ofString());
        String location = accepted.headers().firstValue("Location").orElseThrow(() -> new IllegalStateException(
                "bulk upload not accepted: " + accepted.statusCode() + " " + accepted.body()));
        while (true) {
            HttpRequest.Builder poll = HttpRequest.newBuilder(uri(location + "?limit=1"))
                    .timeout(Duration.ofMinutes(1));
            caller.forEach(poll::header);
            JsonNode job = JSON.readTree(http.send(poll.build(), HttpResponse.BodyHandlers.ofString()).body());
            if (!"RUNNING".equals(job.path("state").asString())) {
                return job;
            }
            Thread.sleep(200);
        }
    }

    /** Heap in use now, in bytes, from intake's actuator metrics. */
    long heapUsed() throws IOException, InterruptedException {
        HttpResponse<String> metric = get("/actuator/metrics/jvm.memory.used?tag=area:heap");
        return JSON.readTree(metric.body()).path("measurements").path(0).path("value").asLong();
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path logFile() throws IOException {
        return Files.createTempFile("fillonce-bench-intake-", ".log");
    }
}
