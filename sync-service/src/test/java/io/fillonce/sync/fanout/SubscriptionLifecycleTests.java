package io.fillonce.sync.fanout;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.fillonce.sync.RegistryEntries;
import io.fillonce.sync.RegistryEntries.Entry;
import io.fillonce.sync.backfill.JobCursor;
import io.fillonce.sync.backfill.JobKind;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.when;

/** Suspended, resumed and ended subscriptions in the fan-out, on Kafka Streams' test driver. */
class SubscriptionLifecycleTests extends FanOutTopology {

    private static final String HEALTH = "sub-health-resident";
    private static final String CIVIL_AFFAIRS = "sub-civil-affairs-resident";
    private static final Instant SUSPENDED_AT = Instant.parse("2026-12-07T08:00:00Z");
    private static final Instant RESUMED_AT = Instant.parse("2026-12-07T09:00:00Z");

    @Test
    void aSuspendedSubscriptionDeliversNothingAndOnResumeEveryMissedVersionInOrder() {
        publish("370602199001011111", 1, "370602", "F");
        feed(health().inStatus("SUSPENDED", SUSPENDED_AT, 2));
        publish("370602199001011111", 2, "370602", "M");
        publish("370602199001011111", 3, "370602", "F");
        publish("370602199001012222", 1, "370602", "M");
        assertThat(messages("health")).extracting(m -> header(m, "ce_entityversion")).as("v1, before the suspension")
                .containsExactly("1");
        assertThat(messages("civil-affairs")).as("other subscriptions go on").hasSize(4);
        assertThat(entity("370602199001011111").holding(HEALTH)).extracting(v -> v.version()).containsExactly(2L, 3L);

        feed(health().inStatus("ACTIVE", RESUMED_AT, 3));
        publish("370602199001011111", 4, "370602", "M");
        assertThat(messages("health")).extracting(m -> header(m, "ce_id")).as("what was held first, then the new one")
                .containsExactly("rec-370602199001011111:2", "rec-370602199001011111:3", "rec-370602199001011111:4");

        when(backfills.running()).thenReturn(List.of(job("release-1", JobKind.RELEASE, HEALTH)));
        driver.advanceWallClockTime(Duration.ofMillis(20));
        assertThat(messages("health")).extracting(m -> header(m, "ce_id")).as("the release walks what no update moved")
                .containsExactly("rec-370602199001012222:1");
        assertThat(entity("370602199001012222").holding(HEALTH)).isEmpty();
        assertThat(entity("370602199001012222").hasCurrentVersionFor(HEALTH)).isTrue();
        driver.advanceWallClockTime(Duration.ofMillis(20));
        assertThat(messages("health")).as("released once").isEmpty();
    }

    @Test
    void aHeldVersionThatLeftTheFilterIsWithdrawnOnResume() {
        publish("370602199001013333", 1, "370602", "F");
        feed(civilAffairs().inStatus("SUSPENDED", SUSPENDED_AT, 2));
        publish("370602199001013333", 2, "371002", "F"); // out of civil affairs' region 3706
        publish("371002199001014444", 1, "371002", "F"); // never in it: nothing to hold
        assertThat(entity("371002199001014444").holding(CIVIL_AFFAIRS)).isEmpty();
        feed(civilAffairs().inStatus("ACTIVE", RESUMED_AT, 3));
        when(backfills.running()).thenReturn(List.of(job("release-2", JobKind.RELEASE, CIVIL_AFFAIRS)));
        driver.advanceWallClockTime(Duration.ofMillis(20));

        assertThat(messages("civil-affairs"))
                .extracting(m -> header(m, "ce_type") + "@" + header(m, "ce_entityversion"))
                .containsExactly("fillonce.record.shared@1", "fillonce.record.withdrawn@2");
    }

    @Test
    void aJobThatMeetsHeldVersionsBeforeTheReleaseDoesSendsThemFirst() {
        publish("370602199001017777", 1, "370602", "F");
        feed(health().inStatus("SUSPENDED", SUSPENDED_AT, 2));
        publish("370602199001017777", 2, "370602", "M");
        feed(health().inStatus("ACTIVE", RESUMED_AT, 3));
        messages("health");
        when(backfills.running()).thenReturn(List.of(job("resync-4", JobKind.RESYNC, HEALTH)));
        driver.advanceWallClockTime(Duration.ofMillis(20));

        assertThat(messages("health")).extracting(m -> header(m, "ce_id"))
                .containsExactly("rec-370602199001017777:2", "rec-370602199001017777:2~resync-4");
        assertThat(entity("370602199001017777").holding(HEALTH)).isEmpty();
    }

    @Test
    void aChangedMappingBuildsTheNextMessagesWhichNameItsVersion() {
        publish("370602199001019999", 1, "370602", "F");
        feed(health().changed("{\"xm\": {\"from\": \"/name\"}}", 2, 2));
        publish("370602199001019999", 2, "370602", "M");

        List<TestRecord<String, byte[]>> health = messages("health");
        assertThat(health).extracting(m -> header(m, "ce_subscriptionversion")).containsExactly("1", "2");
        assertThat(JSON.readTree(health.get(0).value()).propertyNames()).containsExactlyInAnyOrder("name", "phone");
        assertThat(JSON.readTree(health.get(1).value()).propertyNames()).as("only what version 2 maps")
                .containsExactly("xm");
    }

    @Test
    void anEndedSubscriptionDeliversNothingMoreAfterOneEndedNotice() {
        publish("370602199001015555", 1, "370602", "F");
        publish("370602199001015566", 1, "370602", "F");
        feed(health().inStatus("SUSPENDED", SUSPENDED_AT, 2));
        publish("370602199001015555", 2, "370602", "M");
        publish("370602199001015566", 2, "370602", "M"); // held, and never updated again
        Instant endedAt = Instant.parse("2026-12-07T10:00:00Z");
        feed(health().inStatus("ENDED", endedAt, 3));
        publish("370602199001015555", 3, "370602", "F");
        assertThat(entity("370602199001015555").holding(HEALTH)).as("what it held is dropped").isEmpty();
        when(backfills.running()).thenReturn(List.of(job("end-" + HEALTH, JobKind.END, HEALTH)));
        driver.advanceWallClockTime(Duration.ofMillis(20));
        driver.advanceWallClockTime(Duration.ofMillis(20));

        List<TestRecord<String, byte[]>> health = messages("health");
        assertThat(health).extracting(m -> header(m, "ce_type")).containsExactly("fillonce.record.shared",
                "fillonce.record.shared", "fillonce.subscription.ended");
        assertThat(entity("370602199001015566").holding(HEALTH)).as("the end job drops what nobody will get")
                .isEmpty();
        TestRecord<String, byte[]> ended = health.get(2);
        assertThat(ended.key()).isEqualTo("subscription/" + HEALTH);
        assertThat(ended.value()).as("no data").isNull();
        assertThat(header(ended, "ce_id")).isEqualTo(HEALTH + ":ended");
        assertThat(header(ended, "ce_subscription")).isEqualTo(HEALTH);
        assertThat(header(ended, "ce_time")).isEqualTo("2026-12-07T10:00:00Z");
        assertThat(header(ended, "ce_entityversion")).isNull();
        JobCursor cursor = driver.<String, JobCursor>getKeyValueStore(FanOutProcessor.JOB_CURSORS).get("end-" + HEALTH);
        assertThat(cursor.done()).isTrue();
    }

    @Test
    void aBackfillWaitsWhileItsSubscriptionIsSuspendedAndFailsOnceItEnded() {
        publish("370602199001016666", 1, "370602", "F");
        feed(health().inStatus("SUSPENDED", SUSPENDED_AT, 2));
        when(backfills.running()).thenReturn(List.of(job("resync-3", JobKind.RESYNC, HEALTH)));
        driver.advanceWallClockTime(Duration.ofMillis(20));
        assertThat(messages("health")).hasSize(1);
        feed(health().inStatus("ENDED", RESUMED_AT, 3));
        driver.advanceWallClockTime(Duration.ofMillis(20));
        assertThat(messages("health")).isEmpty();
        JobCursor cursor = driver.<String, JobCursor>getKeyValueStore(FanOutProcessor.JOB_CURSORS).get("resync-3");
        assertThat(cursor.failure()).contains("ended");
    }

    private static Entry health() {
        return RegistryEntries.health()[1];
    }

    private static Entry civilAffairs() {
        return RegistryEntries.civilAffairs()[2];
    }
}
