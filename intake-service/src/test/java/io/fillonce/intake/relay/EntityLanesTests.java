package io.fillonce.intake.relay;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.fillonce.intake.record.OutboxEvent;
import io.fillonce.intake.record.RecordDocument;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.BDDMockito.willReturn;
import static org.mockito.Mockito.mock;

/** Per-entity chains of sends: order, no second send of what a held lane already sent, a fresh start after a failure. */
class EntityLanesTests {

    private final ExecutorService sender = Executors.newSingleThreadExecutor();

    private final RecordEventPublisher publisher = mock(RecordEventPublisher.class,
            invocation -> CompletableFuture.completedFuture(null));

    private final EntityLanes lanes = new EntityLanes(publisher, sender);

    private final RecordDocument document = mock(RecordDocument.class);

    @AfterEach
    void stop() {
        sender.shutdownNow();
    }

    @Test
    void sendsWhatTwoHandOversShareOnceWhileTheEntityIsHeld() throws Exception {
        Mockito.when(document.subject()).thenReturn("resident/1");
        lanes.hold(List.of("resident/1"));
        lanes.hold(List.of("resident/1"));

        lanes.publish(document, List.of(event(1), event(2))).get(5, TimeUnit.SECONDS);
        lanes.publish(document, List.of(event(1), event(2), event(3))).get(5, TimeUnit.SECONDS);

        assertThat(sent()).containsExactly(1, 2, 3);
        lanes.release(List.of("resident/1"));
        assertThat(lanes.size()).isEqualTo(1);
        lanes.release(List.of("resident/1"));
        assertThat(lanes.size()).as("no lane outlives its holders").isZero();
    }

    @Test
    void startsAFreshChainAfterAFailureWithoutSendingLaterVersionsFirst() throws Exception {
        Mockito.when(document.subject()).thenReturn("resident/2");
        willReturn(CompletableFuture.failedFuture(new RecordTooLargeException("too large"))).given(publisher)
                .send(any(), argThat(event -> event.version() == 1));
        lanes.hold(List.of("resident/2"));

        CompletableFuture<Void> failed = lanes.publish(document, List.of(event(1), event(2)));
        failed.handle((ok, failure) -> null).get(5, TimeUnit.SECONDS);
        assertThat(failed).isCompletedExceptionally();
        assertThat(sent()).containsExactly(1);

        Mockito.reset(publisher);
        willReturn(CompletableFuture.completedFuture(null)).given(publisher).send(any(), any());
        lanes.publish(document, List.of(event(1), event(2))).get(5, TimeUnit.SECONDS);
        assertThat(sent()).containsExactly(1, 2);
    }

    @Test
    void startsAgainAtVersionOneForANewRecordOfAnErasedEntityKey() throws Exception {
        Mockito.when(document.subject()).thenReturn("resident/3");
        Mockito.when(document.getRecordId()).thenReturn("rec-erased");
        lanes.hold(List.of("resident/3"));
        lanes.publish(document, List.of(event(1), event(2))).get(5, TimeUnit.SECONDS);

        RecordDocument anew = mock(RecordDocument.class);
        Mockito.when(anew.subject()).thenReturn("resident/3");
        Mockito.when(anew.getRecordId()).thenReturn("rec-new");
        lanes.publish(anew, List.of(event(1))).get(5, TimeUnit.SECONDS);

        assertThat(sent()).containsExactly(1, 2, 1);
    }

    private List<Integer> sent() {
        return Mockito.mockingDetails(publisher).getInvocations().stream()
                .filter(invocation -> invocation.getMethod().getName().equals("send"))
                .map(invocation -> ((OutboxEvent) invocation.getArgument(1)).version()).toList();
    }

    private static OutboxEvent event(int version) {
        return new OutboxEvent("rec-1:" + version, version, Instant.now(), "{}", "claim-1", null);
    }
}
