package io.fillonce.bench.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The local stack the suite breaks, through what {@code ./fillonce} leaves in its data folder: each component's pid
 * file ({@code run/<component>.pid}, the leader of the component's own process group) and the broker count it was
 * made with. A fault is a signal to the component's whole group; healing is {@code ./fillonce up}, which starts
 * whatever is not running and waits until it is ready.
 */
final class Stack {

    private final Path root;
    private final Path home;

    Stack(Path root, Path home) {
        this.root = root;
        this.home = home;
    }

    Path home() {
        return home;
    }

    int brokers() throws IOException {
        Path file = home.resolve("kafka.brokers");
        return Files.isRegularFile(file) ? Integer.parseInt(Files.readString(file).strip()) : 1;
    }

    /** The Kafka nodes' component names: {@code kafka}, or {@code kafka-1} … {@code kafka-3}. */
    List<String> kafkaNodes() throws IOException {
        int brokers = brokers();
        return brokers == 1 ? List.of("kafka") : java.util.stream.IntStream.rangeClosed(1, brokers)
                .mapToObj(n -> "kafka-" + n).toList();
    }

    long pid(String component) throws IOException {
        return Long.parseLong(Files.readString(home.resolve("run").resolve(component + ".pid")).strip());
    }

    /** Sends {@code signal} (KILL, STOP, CONT) to every process of the component's group; the pid it had. */
    long signal(String component, String signal) throws IOException, InterruptedException {
        long pid = pid(component);
        Process kill = new ProcessBuilder("kill", "-s", signal, "--", "-" + pid).redirectErrorStream(true).start();
        String said = new String(kill.getInputStream().readAllBytes()).strip();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -s " + signal + " " + component + " (pid " + pid + "): " + said);
        }
        if ("KILL".equals(signal)) {
            awaitGone(pid);
        }
        return pid;
    }

    private static void awaitGone(long pid) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    /** {@code ./fillonce up}: starts what is not running, waits until it is ready; its output goes to a log. */
    void up() throws IOException, InterruptedException {
        Path log = home.resolve("logs").resolve("faults-up.log");
        ProcessBuilder up = new ProcessBuilder(root.resolve("fillonce").toString(), "up")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        up.environment().put("FILLONCE_HOME", home.toString());
        up.environment().put("FILLONCE_DEMO", "false");
        Process process = up.start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("./fillonce up did not finish in 5 minutes (" + log + ")");
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("./fillonce up failed (" + log + ")");
        }
    }
}
