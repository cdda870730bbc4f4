package io.fillonce.sync.backfill;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.fillonce.sync.RegistryEntries;
import io.fillonce.sync.delivery.Delivery;
import io.fillonce.sync.delivery.DeliveryStatus;
import io.fillonce.sync.delivery.Sharing;
import io.fillonce.sync.registry.RegistryView;
import io.fillonce.sync.state.CurrentStates;
import io.fillonce.sync.state.EntityState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

/** The phases of one job's run: the first pass, the hand-back while it waits, the settle pass and the end. */
class BackfillRunTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String SUBSCRIPTION = "sub-civil-affairs-resident";
    private static final BackfillSettings SETTINGS = new BackfillSettings(2, 1, Duration.ofSeconds(5),
            Duration.ofSeconds(30), Duration.ofSeconds(10));

    private final BackfillJobs jobs = mock(BackfillJobs.class);
    private final CurrentStates states = mock(CurrentStates.class);
    private final Sharing sharing = mock(Sharing.class);
    private final RegistryView registry = new RegistryView(JSON, event -> { });
    private final List<BackfillJob> handedBack = new ArrayList<>();

    @BeforeEach
    void registerTheContractSubscription() {
        for (RegistryEntries.Entry entry : RegistryEntries.civilAffairs()) {
            registry.apply(entry.key(), entry.value());
        }
        Delivery pending = mock(Delivery.class);
        when(pending.status()).thenReturn(DeliveryStatus.PENDING);
        when(sharing.share(any(), any(), any())).thenReturn(List.of(pending));
        when(jobs.progressed(anyString(), anyString(), anyString(), anyLong(), anyLong(), any())).thenReturn(true);
        when(jobs.checked(anyString(), anyString(), anyString(), anyLong(), anyLong(), any())).thenReturn(true);
    }

    @Test
    void aBackfillThatPassedEveryEntitySettlesLaterInsteadOfEnding() {
        BackfillJob walking = job(JobKind.BACKFILL, JobPhase.WALKING, null, null);
        BackfillJob settling = job(JobKind.BACKFILL, JobPhase.SETTLING, Instant.now().plusSeconds(10), null);
        when(states.page("resident", null, 2)).thenReturn(List.of(entity("370602000000000001", 1)));
        when(states.page("resident", "370602000000000001", 2)).thenReturn(List.of());
        when(jobs.settling(eq("backfill-x"), eq("me"), any(), any())).thenReturn(Optional.of(settling));
        Instant before = Instant.now();

        run(walking);

        verify(jobs).progressed(eq("backfill-x"), eq("me"), eq("370602000000000001"), eq(1L), eq(0L), any());
        verify(jobs, never()).finished(anyString(), anyString(), any(), any(), any());
        assertThat(handedBack).containsExactly(settling);
        ArgumentCaptor<Instant> settleAt = ArgumentCaptor.forClass(Instant.class);
        verify(jobs).settling(eq("backfill-x"), eq("me"), settleAt.capture(), any());
        assertThat(settleAt.getValue()).isBetween(before.plusSeconds(10), Instant.now().plusSeconds(10));
    }

    @Test
    void aSettlingJobBeforeItsTimeIsHandedBackWithoutReadingAnything() {
        BackfillJob settling = job(JobKind.BACKFILL, JobPhase.SETTLING, Instant.now().plusSeconds(5), null);

        run(settling);

        assertThat(handedBack).containsExactly(settling);
        verifyNoInteractions(states, sharing);
    }

    @Test
    void theSettlePassResumesFromItsCursorAndQueuesOnlyWhatTheDepartmentLacksThenEnds() {
        BackfillJob settling = job(JobKind.BACKFILL, JobPhase.SETTLING, Instant.now().minusSeconds(1),
                "370602000000000001");
        EntityState queued = entity("370602000000000002", 4);
        EntityState missing = entity("370602000000000003", 4);
        EntityState newer = entity("370602000000000003", 5);
        when(states.page("resident", "370602000000000001", 2)).thenReturn(List.of(queued, missing));
        when(states.page("resident", "370602000000000003", 2)).thenReturn(List.of());
        when(states.find("resident", queued.entityKey())).thenReturn(Optional.of(queued));
        when(states.find("resident", missing.entityKey())).thenReturn(Optional.of(newer));
        when(sharing.queued(eq(queued), any())).thenReturn(true);
        when(sharing.queued(eq(newer), any())).thenReturn(false);

        run(settling);

        verify(sharing).share(eq(newer), any(), isNull());
        verify(sharing, never()).share(eq(queued), any(), any());
        verify(jobs).checked(eq("backfill-x"), eq("me"), eq("370602000000000003"), eq(2L), eq(1L), any());
        verify(jobs).finished(eq("backfill-x"), eq("me"), eq(JobState.DONE), isNull(), any());
        verify(jobs, never()).settling(anyString(), anyString(), any(), any());
        assertThat(handedBack).isEmpty();
    }

    @Test
    void aResyncEndsAfterItsPass() {
        when(states.page("resident", null, 2)).thenReturn(List.of());

        run(job(JobKind.RESYNC, JobPhase.WALKING, null, null));

        verify(jobs).finished(eq("backfill-x"), eq("me"), eq(JobState.DONE), isNull(), any());
        verify(jobs, never()).settling(anyString(), anyString(), any(), any());
    }

    private void run(BackfillJob job) {
        new BackfillRun(job, "me", jobs, states, registry, sharing, SETTINGS, () -> true, handedBack::add).run();
    }

    private static BackfillJob job(JobKind kind, JobPhase phase, Instant settleAt, String cursor) {
        Instant started = Instant.now().minusSeconds(60);
        return new BackfillJob("backfill-x", kind, SUBSCRIPTION, "civil-affairs", "resident", "operator", "ops:o-1",
                JobState.RUNNING, phase, 3, 0, 0, 0, 0, started, settleAt, null, started, cursor, "me", null);
    }

    private static EntityState entity(String key, long version) {
        return new EntityState("resident", key, "rec-" + key, version, "rec-" + key + ":" + version,
                "2026-11-27T08:00:00Z", JSON.readTree("{\"name\": \"Li Mei\", \"regionCode\": \"370602\"}"));
    }
}
