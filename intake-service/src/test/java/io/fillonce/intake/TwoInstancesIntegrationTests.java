package io.fillonce.intake;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two intake instances on one MongoDB and one broker, each relaying what it accepts itself: versions of one entity
 * accepted by both in turn, concurrently, reach {@code fillonce.records} so that no version is published before
 * the one below it has been published at least once (a duplicate of a lower version may follow; receivers skip it).
 */
class TwoInstancesIntegrationTests extends IntakeIntegrationContext {

    private static final int VERSIONS_PER_INSTANCE = 20;

    @Value("${spring.kafka.bootstrap-servers}")
    private String kafka;

    @Value("${spring.mongodb.uri}")
    private String mongo;

    private ConfigurableApplicationContext other;

    private IntakeClient otherClient;

    @BeforeAll
    void startAnotherInstance() {
        other = new SpringApplicationBuilder(IntakeApplication.class).run("--server.port=0",
                "--spring.kafka.bootstrap-servers=" + kafka, "--spring.mongodb.uri=" + mongo,
                "--fillonce.intake.relay.interval=50ms", "--fillonce.intake.relay.heartbeat-interval=" + RELAY_HEARTBEAT,
                "--fillonce.intake.relay.stale-after=" + RELAY_STALE_AFTER);
        otherClient = new IntakeClient(((WebServerApplicationContext) other).getWebServer().getPort());
        otherClient.awaitReady();
    }

    @AfterAll
    void stopTheOtherInstance() {
        other.close();
    }

    @Test
    void versionsOfOneEntityAcceptedByTwoInstancesReachTheTopicInOrder() throws Exception {
        String idNumber = "370602199909091234";
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<Integer>>> accepted = List.of(pool.submit(() -> submitAll(start, intake, idNumber, "a")),
                pool.submit(() -> submitAll(start, otherClient, idNumber, "b")));
        start.countDown();
        List<Integer> versions = new ArrayList<>();
        for (Future<List<Integer>> answers : accepted) {
            versions.addAll(answers.get());
        }
        pool.shutdown();
        int last = 2 * VERSIONS_PER_INSTANCE;
        assertThat(versions).containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, last).boxed().toList());

        records.await("resident/" + idNumber, last);
        List<ConsumerRecord<String, byte[]>> events = records.settled("resident/" + idNumber, Duration.ofSeconds(2));

        Set<Integer> published = new HashSet<>();
        for (ConsumerRecord<String, byte[]> event : events) {
            int version = Integer.parseInt(RecordsTopic.header(event, "ce_entityversion"));
            assertThat(version == 1 || published.contains(version - 1))
                    .as("version %d published before version %d ever was", version, version - 1).isTrue();
            published.add(version);
        }
        assertThat(published).containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, last).boxed().toList());
    }

    private static List<Integer> submitAll(CountDownLatch start, IntakeClient client, String idNumber, String who)
            throws InterruptedException {
        start.await();
        List<Integer> versions = new ArrayList<>();
        for (int i = 0; i < VERSIONS_PER_INSTANCE; i++) {
            HttpResponse<String> answer = client.submit("resident",
                    Residents.record(idNumber).put("name", "Instance " + who + " " + i).toString());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
            versions.add(Integer.parseInt(answer.headers().firstValue("ETag").orElseThrow().replace("\"", "")));
        }
        return versions;
    }
}
