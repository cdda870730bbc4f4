package io.fillonce.intake;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A bulk upload whose instance is killed (SIGKILL, intake in a child JVM on the shared broker and MongoDB) does not
 * stay RUNNING: the instance of the shared context notices the missing heartbeat and fails the job, saying how far
 * it got and what to do.
 */
class BulkUploadCrashIntegrationTests extends IntakeIntegrationContext {

    private static final int LINES = 20_000;

    @Value("${spring.kafka.bootstrap-servers}")
    private String kafka;

    @Value("${spring.mongodb.uri}")
    private String mongo;

    @Test
    void aJobWhoseInstanceWasKilledIsFailedWithHowFarItGot(@TempDir Path dir) throws Exception {
        String upload = IntStream.range(0, LINES)
                .mapToObj(i -> Residents.record(String.format("3706022005%08d", i)).toString())
                .collect(Collectors.joining("\n"));
        String location;
        long readBeforeKill;
        try (IntakeProcess dying = new IntakeProcess(dir.resolve("intake.log"),
                "--spring.kafka.bootstrap-servers=" + kafka, "--spring.mongodb.uri=" + mongo,
                "--fillonce.intake.jobs.heartbeat-interval=500ms",
                "--fillonce.intake.relay.heartbeat-interval=" + RELAY_HEARTBEAT,
                "--fillonce.intake.relay.stale-after=" + RELAY_STALE_AFTER)) {
            IntakeClient child = dying.awaitReady();
            HttpResponse<String> accepted = child.send("POST", "/api/records/resident/batch", "application/x-ndjson",
                    upload);
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
            location = accepted.headers().firstValue("Location").orElseThrow();
            readBeforeKill = awaitSomeLines(child, location);
            dying.kill();
        }

        JsonNode job = awaitFinished(location);

        assertThat(job.path("state").asString()).isEqualTo("FAILED");
        Matcher detail = Pattern.compile("The instance processing this upload stopped; at least (\\d+) of " + LINES
                + " lines were processed; re-upload the remaining lines or the whole file \\(accepted lines are "
                + "idempotent: identical records make no new version\\)\\.").matcher(job.path("detail").asString());
        assertThat(detail.matches()).as(job.path("detail").asString()).isTrue();
        assertThat(Long.parseLong(detail.group(1))).isBetween(readBeforeKill, LINES - 1L);
        assertThat(job.path("linesTotal").asLong()).isEqualTo(LINES);
    }

    private long awaitSomeLines(IntakeClient client, String location) {
        JsonNode job = await().alias("the child instance to process a line of the upload")
                .atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> json.readTree(client.send("GET", location + "?limit=1", null, null).body()), seen -> {
                    assertThat(seen.path("state").asString()).as("the upload must still be running")
                            .isEqualTo("RUNNING");
                    return seen.path("linesRead").asLong() > 0;
                });
        return job.path("linesRead").asLong();
    }

    private JsonNode awaitFinished(String location) {
        return intake.finishedJob(location + "?limit=1");
    }
}
