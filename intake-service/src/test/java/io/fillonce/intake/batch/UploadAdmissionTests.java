package io.fillonce.intake.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.fillonce.identity.VerifiedCaller;
import io.fillonce.intake.IntakeProperties;
import io.fillonce.intake.Residents;
import io.fillonce.intake.record.Submissions;
import io.fillonce.telemetry.Traces;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.data.mongodb.core.MongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** A caller, and an instance, may only have so many uploads running or waiting: each holds up to 64 MB of disk. */
class UploadAdmissionTests {

    private final CountDownLatch finish = new CountDownLatch(1);
    private final BatchJobs jobs = jobs(finish);

    @AfterEach
    void letTheJobsEnd() {
        finish.countDown();
        jobs.stop();
    }

    @Test
    void aCallersThirdUploadWaitsForOneOfItsFirstTwo() throws Exception {
        start("cadre:c-1");
        start("cadre:c-1");

        assertThatThrownBy(() -> start("cadre:c-1")).isInstanceOfSatisfying(UploadsBusy.class,
                busy -> assertThat(busy.perCaller()).isTrue());
        start("cadre:c-2");
    }

    @Test
    void anInstanceTakesNoMoreThanItsLimitFromEveryoneTogether() throws Exception {
        start("cadre:a");
        start("cadre:b");
        start("cadre:c");

        assertThatThrownBy(() -> start("cadre:d")).isInstanceOfSatisfying(UploadsBusy.class,
                busy -> assertThat(busy.perCaller()).isFalse());
    }

    @Test
    void aFinishedUploadGivesItsPlaceBack() throws Exception {
        start("cadre:c-1");
        start("cadre:c-1");
        finish.countDown();

        await().alias("the places came back").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .ignoreException(UploadsBusy.class).until(() -> {
                    start("cadre:c-1");
                    return true;
                });
    }

    private void start(String principal) throws Exception {
        jobs.start(Residents.TYPE, BatchFormat.NDJSON, new VerifiedCaller(principal, "CADRE", null, "370602"), null,
                new ByteArrayInputStream("{}\n".getBytes(StandardCharsets.UTF_8)));
    }

    private static BatchJobs jobs(CountDownLatch finish) {
        MongoTemplate mongo = mock(MongoTemplate.class);
        when(mongo.insert(any(Object.class))).thenAnswer(call -> call.getArgument(0));
        Submissions submissions = mock(Submissions.class);
        when(submissions.recordType(anyString(), any())).thenReturn(Residents.type());
        BatchRunner runner = mock(BatchRunner.class);
        doAnswer(call -> finish.await(10, TimeUnit.SECONDS)).when(runner).run(any(), any(), any(), any(), any());
        IntakeProperties properties = new Binder(new MapConfigurationPropertySource(Map.of(
                "fillonce.intake.jobs.max-per-instance", "3", "fillonce.intake.jobs.max-per-caller", "2")))
                .bindOrCreate("fillonce.intake", Bindable.of(IntakeProperties.class));
        return new BatchJobs(mongo, submissions, runner, Traces.none(),
                new XlsxUploads(properties), properties);
    }
}
