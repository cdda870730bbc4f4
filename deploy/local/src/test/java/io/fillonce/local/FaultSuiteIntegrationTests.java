package io.fillonce.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The fault suite's core cases in the normal build, through the command a user runs ({@code ./fillonce faults}) on
 * ports of their own: a three-broker cluster loses a node mid-flow, every submission is sent three times at once
 * with one Idempotency-Key, and poison lands on {@code fillonce.records}. Each scenario must report everything
 * delivered once, in order, and the command must exit 0. The full suite (every scenario, 10,000 versions each) is
 * {@code ./fillonce faults}; README "Breaking it on purpose".
 */
class FaultSuiteIntegrationTests {

    private static final Pattern LINE = Pattern.compile(
            "(?m)^(\\S+) delivered/expected=(\\d\\.\\d{3}) duplicate-ids=(\\d+) out-of-order=(\\d+)$");
    private static final String SCENARIOS = "broker-kill-1-of-3,idempotency-race,poison-message";

    private final Path root = Path.of(System.getProperty("fillonce.root", "../..")).toAbsolutePath().normalize();
    private final Path home = Path.of(System.getProperty("fillonce.faults-home", "target/faults-home"))
            .toAbsolutePath();

    @Test
    void aClusterLosingANodeRacingSubmissionsAndPoisonLoseDuplicateAndReorderNothing() throws Exception {
        ProcessBuilder faults = new ProcessBuilder(root.resolve("fillonce").toString(), "faults",
                "--scenarios=" + SCENARIOS, "--entities=60", "--versions=3", "--workers=6")
                .directory(root.toFile()).redirectErrorStream(true);
        Map<String, String> env = faults.environment();
        env.remove("KAFKA_BOOTSTRAP_SERVERS");
        env.remove("MONGODB_URI");
        env.put("FILLONCE_FAULTS_HOME", home.toString());
        env.put("FILLONCE_HOME", home.resolve("logs-home").toString());
        ports(env);
        Process process = faults.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(20, TimeUnit.MINUTES)).as(output).isTrue();
        System.out.println("./fillonce faults ->\n" + output);

        Matcher line = LINE.matcher(output);
        int scenarios = 0;
        while (line.find()) {
            scenarios++;
            assertThat(line.group(2)).as(line.group()).isEqualTo("1.000");
            assertThat(line.group(3)).as(line.group()).isEqualTo("0");
            assertThat(line.group(4)).as(line.group()).isEqualTo("0");
        }
        // each scenario's line is printed twice: as it ends, and in the summary
        assertThat(scenarios).as(output).isEqualTo(2 * SCENARIOS.split(",").length);
        assertThat(output).contains("kill -9 kafka-2", "all 9 on fillonce.records.dead").doesNotContain("PROBLEM");
        assertThat(process.exitValue()).as(output).isZero();
    }

    /** Ports apart from the other local-stack tests' (and from a developer's own stack). */
    private static void ports(Map<String, String> env) {
        env.put("GATEWAY_PORT", "28080");
        env.put("GATEWAY_MANAGEMENT_PORT", "28090");
        env.put("INTAKE_PORT", "28081");
        env.put("SYNC_PORT", "28082");
        env.put("REGISTRY_PORT", "28083");
        env.put("KAFKA_PORT", "29092");
        env.put("KAFKA_CONTROLLER_PORT", "29093");
        env.put("MONGO_PORT", "28017");
    }
}
