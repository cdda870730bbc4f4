package io.fillonce.bench.platform;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OpenLoadTests {

    private static final Executor LATER = CompletableFuture.delayedExecutor(20, TimeUnit.MILLISECONDS);

    @Test
    void schedulesRequestsAtTheRateWhateverTheAnswers() throws InterruptedException {
        OpenLoad load = new OpenLoad(200, Duration.ofMillis(100), 50, Duration.ofSeconds(5));

        OpenLoad.Outcome outcome = load.run(seq -> CompletableFuture.supplyAsync(() -> 201, LATER),
                Duration.ofSeconds(5));

        assertThat(outcome.due()).isEqualTo(20);
        assertThat(outcome.allSucceeded()).isTrue();
        assertThat(load.dueNanos(10) - load.dueNanos(0)).isEqualTo(TimeUnit.MILLISECONDS.toNanos(50));
    }

    @Test
    void countsWaitingBehindASlowAnswerFromWhenTheRequestWasDue() throws InterruptedException {
        // one connection, answers take 20 ms, due every 10 ms: the 10th is due at 90 ms and answered after 200 ms
        OpenLoad load = new OpenLoad(100, Duration.ofMillis(100), 1, Duration.ofSeconds(5));

        OpenLoad.Outcome outcome = load.run(seq -> CompletableFuture.supplyAsync(() -> 201, LATER),
                Duration.ofSeconds(5));

        assertThat(outcome.response().maxMs()).isGreaterThanOrEqualTo(100);
        assertThat(outcome.response().p50Ms()).isGreaterThanOrEqualTo(20);
    }

    @Test
    void failuresAreCountedByStatusAndAFailedSendAsMinusOne() throws InterruptedException {
        OpenLoad load = new OpenLoad(100, Duration.ofMillis(40), 10, Duration.ofSeconds(5));

        OpenLoad.Outcome outcome = load.run(seq -> switch (seq) {
            case 0 -> CompletableFuture.completedFuture(429);
            case 1 -> CompletableFuture.failedFuture(new java.io.IOException("refused"));
            case 2 -> throw new IllegalStateException("cannot even send");
            default -> CompletableFuture.completedFuture(201);
        }, Duration.ofSeconds(1));

        assertThat(outcome.succeeded()).isEqualTo(1);
        assertThat(outcome.accepted().stream()).containsExactly(3);
        assertThat(outcome.failures()).containsEntry(429, 1).containsEntry(-1, 2);
        assertThat(outcome.allSucceeded()).isFalse();
    }

    @Test
    void stopsSendingWhenTheScheduleSlipsTooFar() throws InterruptedException {
        OpenLoad load = new OpenLoad(1000, Duration.ofMillis(200), 1, Duration.ofMillis(30));

        OpenLoad.Outcome outcome = load.run(seq -> new CompletableFuture<Integer>()
                .completeOnTimeout(201, 100, TimeUnit.MILLISECONDS), Duration.ofSeconds(1));

        assertThat(outcome.fellBehind()).isTrue();
        assertThat(outcome.sent()).isLessThan(outcome.due());
    }
}
