package io.fillonce.sync.fanout;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.fillonce.sync.RegistryEntries;
import io.fillonce.sync.TestSubjects;
import io.fillonce.sync.Topics;
import io.fillonce.sync.backfill.ActiveJob;
import io.fillonce.sync.backfill.JobCursor;
import io.fillonce.sync.backfill.JobKind;
import io.fillonce.sync.backfill.ProposedCodeTable;
import io.fillonce.sync.state.Share;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** The fan-out topology on Kafka Streams' test driver: records in, department messages and audit events out. */
class FanOutProcessorTests extends FanOutTopology {

    @Test
    void sharesEachVersionWithEverySubscriptionWhoseFilterWantsIt() {
        publish("370602199001011234", 1, "370602", "F");
        publish("371002199001015678", 1, "371002", "M");

        assertThat(messages("civil-affairs")).extracting(m -> m.key())
                .containsExactly(TestSubjects.pseudonymous("civil-affairs", "370602199001011234"));
        List<TestRecord<String, byte[]>> messages = messages("health");
        assertThat(messages).extracting(m -> m.key()).containsExactly(
                TestSubjects.pseudonymous("health", "370602199001011234"),
                TestSubjects.pseudonymous("health", "371002199001015678"));
        TestRecord<String, byte[]> health = messages.get(0);
        assertThat(JSON.readTree(health.value())).isEqualTo(JSON.readTree("""
                {"name": "Li Mei", "phone": "138****1234"}"""));
        assertThat(header(health, "ce_id")).isEqualTo("rec-370602199001011234:1");
        assertThat(header(health, "ce_type")).isEqualTo("fillonce.record.shared");
        assertThat(header(health, "ce_subscription")).isEqualTo("sub-health-resident");
        assertThat(header(health, "ce_purpose")).isEqualTo("purpose of sub-health-resident");
        assertThat(header(health, "ce_entityversion")).isEqualTo("1");
        assertThat(entity("370602199001011234").shares()).containsOnlyKeys("sub-civil-affairs-resident",
                "sub-health-resident");
    }

    @Test
    void aVersionThatIsNotNewerThanTheKeptOneIsADuplicateAndChangesNothing() {
        publish("370602199001012222", 2, "370602", "F");
        publish("370602199001012222", 2, "370602", "M");
        publish("370602199001012222", 1, "370602", "M");
        publish("370602199001012222", 3, "370602", "M");

        assertThat(messages("health")).extracting(m -> header(m, "ce_entityversion")).containsExactly("2", "3");
        assertThat(entity("370602199001012222").version()).isEqualTo(3);
    }

    @Test
    void aPayloadThatCannotBeBuiltIsSkippedForThatDepartmentOnly() {
        publish("370602199001013333", 1, "370602", "unknown-code");

        assertThat(messages("civil-affairs")).isEmpty();
        assertThat(messages("health")).hasSize(1);
        Share skipped = entity("370602199001013333").shares().get("sub-civil-affairs-resident");
        assertThat(skipped.shared()).isFalse();
        assertThat(skipped.skippedBecause()).startsWith("payload cannot be built");
    }

    @Test
    void eachVersionWrittenHasOneAuditEventListingEveryDepartmentWithFieldNamesAndHashButNoValues() {
        publish("370602199001014444", 1, "370602", "F");

        List<TestRecord<String, byte[]>> audit = driver.createOutputTopic(Topics.AUDIT, new StringDeserializer(),
                new ByteArrayDeserializer()).readRecordsToList();
        assertThat(audit).singleElement().satisfies(record -> assertThat(record.key())
                .isEqualTo("resident/370602199001014444"));
        JsonNode event = JSON.readTree(audit.get(0).value());
        assertThat(event.path("action").stringValue()).isEqualTo("DELIVERED");
        assertThat(event.path("channel").stringValue()).isEqualTo("topic");
        assertThat(event.path("eventId").stringValue()).isEqualTo("rec-370602199001014444:1");
        assertThat(event.path("recipients").valueStream().map(r -> r.path("department").stringValue()))
                .containsExactlyInAnyOrder("civil-affairs", "health");
        assertThat(event.path("recipients")).allSatisfy(r -> assertThat(r.path("payloadHash").stringValue())
                .startsWith("sha256:"));
        assertThat(event.path("recipients").valueStream().filter(r -> r.path("department").stringValue()
                .equals("health"))).singleElement().satisfies(r -> assertThat(r.path("fields"))
                        .containsExactly(JSON.readTree("\"/name\""), JSON.readTree("\"/phone\"")));
        assertThat(event.toString()).doesNotContain("Li Mei").doesNotContain("1380000");
    }

    @Test
    void aBackfillSharesOnlyWhatTheDepartmentLacksAndReportsItsProgressInSteps() {
        publish("370602199001015555", 1, "370602", "F");
        publish("370602199001016666", 1, "370602", "F");
        publish("370602199001017777", 1, "371002", "F");
        feed(RegistryEntries.department("veterans"));
        feed(RegistryEntries.subscription("sub-veterans", "veterans", "resident", "{\"xm\": {\"from\": \"/name\"}}",
                "{\"field\": \"/regionCode\", \"startsWith\": \"3706\"}", "[\"topic\"]"));
        publish("370602199001015555", 2, "370602", "F");
        messages("veterans");
        when(backfills.running()).thenReturn(List.of(job("backfill-sub-veterans-initial", JobKind.BACKFILL,
                "sub-veterans")));

        driver.advanceWallClockTime(Duration.ofMillis(20));
        driver.advanceWallClockTime(Duration.ofMillis(20));
        driver.advanceWallClockTime(Duration.ofMillis(20));

        assertThat(messages("veterans")).extracting(m -> m.key() + "@" + header(m, "ce_entityversion"))
                .containsExactly(TestSubjects.pseudonymous("veterans", "370602199001016666") + "@1");
        KeyValueStore<String, JobCursor> cursors = driver.getKeyValueStore(FanOutProcessor.JOB_CURSORS);
        JobCursor done = cursors.get("backfill-sub-veterans-initial");
        assertThat(done.done()).isTrue();
        assertThat(done.total()).isEqualTo(3);
        assertThat(done.walked()).isEqualTo(3);
        assertThat(done.shared()).isEqualTo(1);
        verify(backfills, atLeastOnce()).report(eq("backfill-sub-veterans-initial"), eq(0), eq(done));
        assertThat(entity("370602199001016666").shares().get("sub-veterans").job())
                .isEqualTo("backfill-sub-veterans-initial");
    }

    @Test
    void anImpactJobCountsTheEntitiesWhoseMessageAProposedCodeTableWouldChangeAndSendsNothing() {
        publish("370602199001011111", 1, "370602", "F");
        publish("370602199001012222", 1, "370602", "F");
        publish("370602199001013333", 1, "370602", "M");
        publish("371002199001014444", 1, "371002", "F"); // outside civil affairs' filter
        messages("civil-affairs");
        ProposedCodeTable recoded = ProposedCodeTable.of("gender-civil", Map.of("F", "9", "M", "1"));
        ProposedCodeTable shrunk = ProposedCodeTable.of("gender-civil", Map.of("F", "2"));
        when(backfills.running()).thenReturn(List.of(
                new ActiveJob("impact-1", JobKind.IMPACT, "sub-civil-affairs-resident", "resident", Map.of("0", 1L),
                        recoded),
                new ActiveJob("impact-2", JobKind.IMPACT, "sub-civil-affairs-resident", "resident", Map.of("0", 1L),
                        shrunk)));

        for (int step = 0; step < 4; step++) {
            driver.advanceWallClockTime(Duration.ofMillis(20));
        }

        KeyValueStore<String, JobCursor> cursors = driver.getKeyValueStore(FanOutProcessor.JOB_CURSORS);
        assertThat(cursors.get("impact-1")).satisfies(done -> {
            assertThat(done.done()).isTrue();
            assertThat(done.shared()).as("the two F residents of 3706 would read 9").isEqualTo(2);
        });
        assertThat(cursors.get("impact-2").shared()).as("M would no longer map").isEqualTo(1);
        assertThat(messages("civil-affairs")).as("nothing is sent").isEmpty();
    }

    @Test
    void aResyncSendsEveryMatchingEntityAgainUnderADerivedIdNamingTheOriginal() {
        publish("370602199001018888", 3, "370602", "F");
        messages("health");
        when(backfills.running()).thenReturn(List.of(job("resync-1", JobKind.RESYNC, "sub-health-resident")));

        driver.advanceWallClockTime(Duration.ofMillis(20));

        TestRecord<String, byte[]> again = messages("health").get(0);
        assertThat(header(again, "ce_id")).isEqualTo("rec-370602199001018888:3~resync-1");
        assertThat(header(again, "ce_resyncof")).isEqualTo("rec-370602199001018888:3");
        assertThat(header(again, "ce_entityversion")).isEqualTo("3");
    }

    @Test
    void aJobWaitsForAViewThatKnowsItsSubscriptionAndFailsWhenTheViewPassedItsRemoval() {
        publish("370602199001019999", 1, "370602", "F");
        when(backfills.running()).thenReturn(List.of(job("backfill-sub-later-initial", JobKind.BACKFILL,
                "sub-later")));
        when(position.hasReached(any())).thenReturn(false);

        driver.advanceWallClockTime(Duration.ofMillis(20));
        KeyValueStore<String, JobCursor> cursors = driver.getKeyValueStore(FanOutProcessor.JOB_CURSORS);
        assertThat(cursors.get("backfill-sub-later-initial")).isNull();

        when(position.hasReached(any())).thenReturn(true);
        driver.advanceWallClockTime(Duration.ofMillis(20));
        assertThat(cursors.get("backfill-sub-later-initial").failure()).contains("no longer registered");
        verify(backfills).report(eq("backfill-sub-later-initial"), anyInt(), any(JobCursor.class));
    }

    @Test
    void aDepartmentSeesTheEntityUnderItsOwnStablePseudonymUnlessItsSubscriptionDisclosesTheKey() {
        feed(RegistryEntries.department("registrar"));
        feed(RegistryEntries.subscription("sub-registrar", "registrar", "resident", """
                {"sfzh": {"from": "/idNumber"}, "xm": {"from": "/name"}}""", "null", "[\"topic\"]", "CLEAR"));
        publish("370602199001012345", 1, "370602", "F", "rec-5f0c2a9e");
        publish("370602199001012345", 2, "370602", "M", "rec-5f0c2a9e");

        List<TestRecord<String, byte[]>> health = messages("health");
        List<TestRecord<String, byte[]>> civilAffairs = messages("civil-affairs");
        List<TestRecord<String, byte[]>> registrar = messages("registrar");
        String healthSees = TestSubjects.pseudonymous("health", "370602199001012345");
        assertThat(health).hasSize(2).allSatisfy(m -> {
            assertThat(m.key()).as("stable across versions").isEqualTo(healthSees).matches("resident/[0-9a-f]{64}");
            assertThat(header(m, "ce_subject")).isEqualTo(healthSees);
            assertThat(TestSubjects.SUBJECTS.open(header(m, "ce_sealedentity"), "health"))
                    .isEqualTo("resident/370602199001012345");
            assertThat(everything(m)).doesNotContain("370602199001012345");
        });
        assertThat(civilAffairs.get(0).key()).as("another department cannot link its pseudonym to health's")
                .isNotEqualTo(healthSees).isEqualTo(TestSubjects.pseudonymous("civil-affairs", "370602199001012345"));
        assertThat(header(health.get(0), "ce_sealedentity")).as("a fresh nonce: the sealed entity links nothing")
                .isNotEqualTo(header(health.get(1), "ce_sealedentity"));
        assertThat(registrar).hasSize(2).allSatisfy(m -> {
            assertThat(m.key()).isEqualTo("resident/370602199001012345");
            assertThat(header(m, "ce_subject")).isEqualTo("resident/370602199001012345");
            assertThat(header(m, "ce_sealedentity")).isNull();
        });
        JsonNode audit = JSON.readTree(driver.createOutputTopic(Topics.AUDIT, new StringDeserializer(),
                new ByteArrayDeserializer()).readRecordsToList().get(0).value());
        assertThat(audit.path("recipients").valueStream().map(r -> r.path("department").stringValue() + "="
                + r.path("keyDisclosed").booleanValue()))
                .containsExactlyInAnyOrder("health=false", "civil-affairs=false", "registrar=true");
    }

    @Test
    void anEntityThatLeavesTheFilterIsWithdrawnOnceAndSharedAgainWhenItReturns() {
        publish("370602199001013456", 1, "370602", "F");
        publish("370602199001013456", 2, "371002", "F"); // civil affairs takes region 3706 only
        publish("370602199001013456", 3, "371002", "M");
        publish("370602199001013456", 4, "370602", "M");

        List<TestRecord<String, byte[]>> civilAffairs = messages("civil-affairs");
        assertThat(civilAffairs).extracting(m -> header(m, "ce_type") + "@" + header(m, "ce_entityversion"))
                .containsExactly("fillonce.record.shared@1", "fillonce.record.withdrawn@2", "fillonce.record.shared@4");
        TestRecord<String, byte[]> withdrawn = civilAffairs.get(1);
        assertThat(withdrawn.value()).as("no data").isNull();
        assertThat(withdrawn.key()).isEqualTo(civilAffairs.get(0).key());
        assertThat(header(withdrawn, "ce_id")).isEqualTo("rec-370602199001013456:2");
        assertThat(header(withdrawn, "ce_subscription")).isEqualTo("sub-civil-affairs-resident");
        assertThat(messages("health")).as("health has no filter").hasSize(4);
        List<TestRecord<String, byte[]>> audit = driver.createOutputTopic(Topics.AUDIT, new StringDeserializer(),
                new ByteArrayDeserializer()).readRecordsToList();
        JsonNode second = JSON.readTree(audit.get(1).value());
        assertThat(second.path("recipients").valueStream().filter(r -> r.path("department").stringValue()
                .equals("civil-affairs"))).singleElement().satisfies(r -> assertThat(r.path("fields")).isEmpty());
        assertThat(entity("370602199001013456").shares().get("sub-civil-affairs-resident").holdsCopy()).isTrue();
    }

    @Test
    void aRetractedEntityIsRetractedOnceWhereverItWasSharedAndSharedNoMoreUntilReinstated() {
        publish("371002199001018888", 1, "371002", "F"); // health takes every resident, civil affairs 3706 only
        retract("371002199001018888", 2, "371002", "F");
        when(backfills.running()).thenReturn(List.of(job("resync-5", JobKind.RESYNC, "sub-health-resident")));
        driver.advanceWallClockTime(Duration.ofMillis(20));

        List<TestRecord<String, byte[]>> health = messages("health");
        assertThat(health).extracting(m -> header(m, "ce_type") + "@" + header(m, "ce_entityversion"))
                .as("a re-sync shares nothing of a retracted entity")
                .containsExactly("fillonce.record.shared@1", "fillonce.record.retracted@2");
        assertThat(health.get(1).value()).as("no data").isNull();
        assertThat(messages("civil-affairs")).as("it never had it").isEmpty();
        assertThat(entity("371002199001018888").shares().get("sub-health-resident").wasRetracted()).isTrue();

        publish("371002199001018888", 3, "371002", "F"); // reinstated
        assertThat(messages("health")).extracting(m -> header(m, "ce_type") + "@" + header(m, "ce_entityversion"))
                .containsExactly("fillonce.record.shared@3");
    }

    @Test
    void anErasedEntityIsErasedWhereverItWasHeldAndLeavesNothingButAMarkerThatStopsLateDuplicates() {
        publish("370602199001017777", 1, "370602", "F");
        publish("371002199001016666", 1, "371002", "F"); // health only
        erase("370602199001017777", 2);
        erase("371002199001016666", 2);

        for (String department : List.of("civil-affairs", "health")) {
            assertThat(messages(department)).extracting(m -> header(m, "ce_type") + "@" + header(m, "ce_entityversion"))
                    .as(department).containsExactlyInAnyOrderElementsOf(department.equals("health")
                            ? List.of("fillonce.record.shared@1", "fillonce.record.shared@1",
                                    "fillonce.record.erased@2", "fillonce.record.erased@2")
                            : List.of("fillonce.record.shared@1", "fillonce.record.erased@2"));
        }
        assertThat(entity("370602199001017777")).as("nothing of it is kept").isNull();
        List<TestRecord<String, byte[]>> audit = driver.createOutputTopic(Topics.AUDIT, new StringDeserializer(),
                new ByteArrayDeserializer()).readRecordsToList();
        TestRecord<String, byte[]> erasure = audit.get(2);
        assertThat(erasure.key()).isEqualTo("~erasure/resident/370602199001017777");
        JsonNode erased = JSON.readTree(erasure.value());
        assertThat(erased.get("action").stringValue()).isEqualTo("ERASED");
        assertThat(erased.get("actor").stringValue()).isEqualTo("admin:dpo");
        assertThat(erased.get("recipients").valueStream().map(r -> r.get("department").stringValue()))
                .containsExactlyInAnyOrder("civil-affairs", "health");

        publish("370602199001017777", 1, "370602", "F"); // the relay publishes an old version again
        assertThat(entity("370602199001017777")).as("a late duplicate does not bring it back").isNull();
        assertThat(messages("health")).isEmpty();
        publish("370602199001017777", 1, "370602", "F", "rec-new-entity"); // submitted anew after the erasure
        assertThat(messages("health")).extracting(m -> header(m, "ce_id")).containsExactly("rec-new-entity:1");
    }

    // ---- helpers

    /** The message's key, headers and value as one text. */
    private static String everything(TestRecord<String, byte[]> message) {
        StringBuilder text = new StringBuilder(message.key())
                .append(new String(message.value(), StandardCharsets.UTF_8));
        message.headers().forEach(h -> text.append(h.key()).append('=')
                .append(new String(h.value(), StandardCharsets.UTF_8)));
        return text.toString();
    }
}
