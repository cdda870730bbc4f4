package io.fillonce.intake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

import static org.awaitility.Awaitility.await;

/**
 * A real Apache Kafka broker (KRaft, single node) in a child JVM, from the {@code kafka_2.13} classes on the test
 * classpath, that a test can stop and start again on the same port with the same data, as an outage would.
 */
final class KafkaProcess implements AutoCloseable {

    private final Path dir;

    private final int port;

    private Process process;

    KafkaProcess(Path dir) throws IOException, InterruptedException {
        this.dir = dir;
        this.port = freePort();
        int controllerPort = freePort();
        Files.writeString(dir.resolve("server.properties"), String.join("\n",
                "process.roles=broker,controller", "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port, "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + dir.resolve("data"), "num.partitions=3", "auto.create.topics.enable=false",
                "offsets.topic.replication.factor=1", "offsets.topic.num.partitions=1",
                "transaction.state.log.replication.factor=1", "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1", "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0", ""));
        Process format = java("kafka.tools.StorageTool", "format", "-t", org.apache.kafka.common.Uuid.randomUuid().toString(),
                "-c", dir.resolve("server.properties").toString()).redirectOutput(dir.resolve("format.log").toFile())
                .redirectErrorStream(true).start();
        if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
            throw new IllegalStateException("formatting Kafka storage failed: " + Files.readString(
                    dir.resolve("format.log")));
        }
    }

    String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    void start() throws IOException, InterruptedException {
        Path log = dir.resolve("kafka.log");
        process = java("kafka.Kafka", dir.resolve("server.properties").toString())
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).redirectErrorStream(true).start();
        try {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                    .failFast("the broker's JVM exited", () -> !process.isAlive())
                    .until(() -> listening() && Files.readString(log).contains("Kafka Server started"));
        }
        catch (ConditionTimeoutException | TerminalFailureException notStarted) {
            throw new IllegalStateException("Kafka did not start: " + Files.readString(log), notStarted);
        }
    }

    /** Kills the broker at once (SIGKILL), as a crash would; its data stays for {@link #start()}. */
    void kill() throws IOException, InterruptedException {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        Files.writeString(dir.resolve("kafka.log"), "", java.nio.file.StandardOpenOption.TRUNCATE_EXISTING);
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    private boolean listening() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        }
        catch (IOException e) {
            return false;
        }
    }

    private static ProcessBuilder java(String main, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), main));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
