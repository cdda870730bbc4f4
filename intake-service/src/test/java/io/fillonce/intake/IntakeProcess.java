package io.fillonce.intake;

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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

import static org.awaitility.Awaitility.await;

/**
 * intake-service itself in a child JVM (the test JVM's classpath, {@link IntakeApplication} as main class), so that
 * a test can kill it with SIGKILL as a crash would: no shutdown hook, no {@code @PreDestroy}, nothing flushed.
 */
final class IntakeProcess implements AutoCloseable {

    private final Process process;

    private final Path log;

    private final int port;

    IntakeProcess(Path log, String... arguments) throws IOException {
        this.log = log;
        this.port = freePort();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                IntakeApplication.class.getName(), "--server.port=" + port));
        command.addAll(List.of(arguments));
        process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectErrorStream(true).start();
    }

    /** A client of this instance, once its {@code /readyz} answers 200 (the child JVM needs a while to start). */
    IntakeClient awaitReady() throws IOException {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest readyz = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz"))
                .timeout(Duration.ofSeconds(5)).build();
        try {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                    .failFast("the child JVM exited", () -> !process.isAlive())
                    .ignoreExceptionsInstanceOf(IOException.class) // not listening yet: still starting
                    .until(() -> http.send(readyz, HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
        }
        catch (ConditionTimeoutException | TerminalFailureException notReady) {
            throw new IllegalStateException("intake-service in a child JVM did not become ready: "
                    + Files.readString(log), notReady);
        }
        return new IntakeClient(port);
    }

    /** SIGKILL on Linux: the JVM gets no chance to run anything more. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
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
}
