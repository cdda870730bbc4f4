package io.fillonce.sync.backfill;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.fillonce.identity.TestCallers;
import io.fillonce.sync.RegistryEntries;
import io.fillonce.sync.registry.RegistryView;
import io.fillonce.web.Conflict;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

@WebMvcTest(BackfillController.class)
class BackfillControllerTests {

    private static final String SUBSCRIPTION = "sub-civil-affairs-resident";

    @Autowired
    private MockMvcTester mvc;

    @Autowired
    private RegistryView registry;

    @MockitoBean
    private Backfills backfills;

    @MockitoBean
    private BackfillJobs jobs;

    @BeforeEach
    void registerTheContractSubscription() {
        for (RegistryEntries.Entry entry : RegistryEntries.civilAffairs()) {
            registry.apply(entry.entry());
        }
    }

    @Test
    void startsABackfillAndAnswersAcceptedWithTheJobsLocation() throws Exception {
        when(backfills.start(any(), eq(JobKind.BACKFILL), eq("ops:o-1"))).thenReturn(job("backfill-x-1"));

        MvcTestResult result = post("/api/ops/subscriptions/" + SUBSCRIPTION + "/backfill", TestCallers.ops());

        assertThat(result).hasStatus(202).hasHeader("Location", "/api/ops/backfills/backfill-x-1");
        assertThat(result).bodyJson().isLenientlyEqualTo("""
                {"id": "backfill-x-1", "kind": "BACKFILL", "subscription": "%s", "state": "RUNNING", "total": 0,
                 "enqueued": 0, "skipped": 0, "partitions": 3, "partitionsDone": 0}""".formatted(SUBSCRIPTION));
        assertThat(result.getResponse().getContentAsString()).doesNotContain("registryPosition")
                .doesNotContain("progress");
    }

    @Test
    void startsAResyncForAnAdministrator() {
        when(backfills.start(any(), eq(JobKind.RESYNC), eq("admin:it"))).thenReturn(job("resync-x-1"));

        assertThat(post("/api/ops/subscriptions/" + SUBSCRIPTION + "/resync", TestCallers.admin())).hasStatus(202)
                .hasHeader("Location", "/api/ops/backfills/resync-x-1");
    }

    @Test
    void refusesCallersWhoAreNotOperators() {
        assertThat(post("/api/ops/subscriptions/" + SUBSCRIPTION + "/backfill", TestCallers.department("civil-affairs")))
                .hasStatus(403).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(post("/api/ops/subscriptions/" + SUBSCRIPTION + "/resync", TestCallers.cadre("c-1", "370602")))
                .hasStatus(403);
        assertThat(get("/api/ops/backfills", TestCallers.department("civil-affairs"))).hasStatus(403);
        assertThat(post("/api/ops/subscriptions/" + SUBSCRIPTION + "/backfill", Map.of())).hasStatus(401);
        verifyNoInteractions(backfills);
    }

    @Test
    void answersNotFoundForAnUnknownSubscriptionOrJob() {
        when(jobs.find(anyString())).thenReturn(Optional.empty());

        assertThat(post("/api/ops/subscriptions/sub-nope/backfill", TestCallers.ops())).hasStatus(404)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(get("/api/ops/backfills/backfill-nope", TestCallers.ops())).hasStatus(404);
        verifyNoInteractions(backfills);
    }

    @Test
    void answersConflictWhileAJobOfTheSameKindRuns() {
        when(backfills.start(any(), eq(JobKind.BACKFILL), anyString()))
                .thenThrow(new Conflict("job backfill-x-1 is still running"));

        assertThat(post("/api/ops/subscriptions/" + SUBSCRIPTION + "/backfill", TestCallers.ops())).hasStatus(409)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void showsARunningBackfillWithTheCountsItsPartitionsReportedButNeverACursor() throws Exception {
        Instant now = Instant.parse("2026-11-27T12:00:00Z");
        BackfillJob running = BackfillJob.started("backfill-x-1", JobKind.BACKFILL, now)
                .sharing(SUBSCRIPTION, "civil-affairs", "resident").startedBy("subscription-registered", "sync")
                .over(3, Map.of("0", 7L))
                .progressed(Map.of("0", new BackfillJob.PartitionProgress(4, 4, 3, 1, true, null),
                        "1", new BackfillJob.PartitionProgress(6, 3, 3, 0, false, null)), now.plusSeconds(12));
        when(jobs.find("backfill-x-1")).thenReturn(Optional.of(running));

        MvcTestResult result = get("/api/ops/backfills/backfill-x-1", TestCallers.ops());

        assertThat(result).hasStatusOk().bodyJson().isLenientlyEqualTo("""
                {"id": "backfill-x-1", "state": "RUNNING", "total": 10, "enqueued": 6, "skipped": 1,
                 "partitions": 3, "partitionsDone": 1, "finishedAt": null}""");
        assertThat(result.getResponse().getContentAsString()).doesNotContain("progress");
    }

    @Test
    void pagesJobsOfOneSubscription() {
        when(jobs.page(eq(SUBSCRIPTION), isNull(), eq(3))).thenReturn(List.of(job("a"), job("b"), job("c")));
        when(jobs.page(eq(SUBSCRIPTION), eq("b"), eq(3))).thenReturn(List.of(job("c")));

        assertThat(get("/api/ops/backfills?subscription=" + SUBSCRIPTION + "&limit=2", TestCallers.ops()))
                .hasStatusOk().bodyJson().isLenientlyEqualTo("{\"items\": [{\"id\": \"a\"}, {\"id\": \"b\"}], \"next\": \"b\"}");
        assertThat(get("/api/ops/backfills?subscription=" + SUBSCRIPTION + "&limit=2&after=b", TestCallers.ops()))
                .hasStatusOk().bodyJson().isLenientlyEqualTo("{\"items\": [{\"id\": \"c\"}], \"next\": null}");
    }

    @Test
    void startsAnImpactCountForEverySubscriptionReadingTheCodeTableAndShowsWhatItFound() {
        Instant now = Instant.parse("2026-12-07T12:00:00Z");
        ProposedCodeTable proposed = ProposedCodeTable.of("gender-civil", Map.of("F", "9", "M", "1"));
        BackfillJob counted = BackfillJob.started("impact-1", JobKind.IMPACT, now)
                .sharing(SUBSCRIPTION, "civil-affairs", "resident").startedBy("code-table-preview", "admin:it")
                .over(1, Map.of()).proposing(proposed)
                .progressed(Map.of("0", new BackfillJob.PartitionProgress(5, 5, 2, 3, true, null)), now)
                .finished(JobState.DONE, null, now);
        when(backfills.startImpact(any(), eq(proposed), eq("admin:it"))).thenReturn(counted);

        MvcTestResult result = post("/api/ops/code-tables/gender-civil/impact", TestCallers.admin(),
                "{\"entries\": {\"F\": \"9\", \"M\": \"1\"}}");

        assertThat(result).hasStatus(202).bodyJson().isLenientlyEqualTo("""
                {"codeTable": "gender-civil", "jobs": [{"id": "impact-1", "kind": "IMPACT", "subscription": "%s",
                 "affected": 2, "enqueued": 0, "total": 5}]}""".formatted(SUBSCRIPTION));
        assertThat(post("/api/ops/code-tables/nope/impact", TestCallers.admin(), "{\"entries\": {\"F\": \"9\"}}"))
                .hasStatus(404);
        assertThat(post("/api/ops/code-tables/gender-civil/impact", TestCallers.admin(), "{\"entries\": {\"F\": 9}}"))
                .hasStatus(422).bodyJson().extractingPath("$.errors[0].pointer").isEqualTo("/entries/F");
        assertThat(post("/api/ops/code-tables/gender-civil/impact", TestCallers.department("health"),
                "{\"entries\": {\"F\": \"9\"}}")).hasStatus(403);
    }

    @Test
    void refusesABadLimitNamingTheParameter() {
        MvcTestResult result = get("/api/ops/backfills?limit=0", TestCallers.ops());

        assertThat(result).hasStatus(400).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().extractingPath("$.errors[0].pointer").isEqualTo("limit");
        verifyNoInteractions(jobs);
    }

    private MvcTestResult post(String uri, Map<String, String> caller) {
        var request = mvc.post().uri(uri);
        caller.forEach(request::header);
        return request.exchange();
    }

    private MvcTestResult post(String uri, Map<String, String> caller, String body) {
        var request = mvc.post().uri(uri).contentType(MediaType.APPLICATION_JSON).content(body);
        caller.forEach(request::header);
        return request.exchange();
    }

    private MvcTestResult get(String uri, Map<String, String> caller) {
        var request = mvc.get().uri(uri);
        caller.forEach(request::header);
        return request.exchange();
    }

    private static BackfillJob job(String id) {
        Instant now = Instant.parse("2026-11-27T12:00:00Z");
        return BackfillJob.started(id, id.startsWith("resync") ? JobKind.RESYNC : JobKind.BACKFILL, now)
                .sharing(SUBSCRIPTION, "civil-affairs", "resident").startedBy("operator", "ops:o-1")
                .over(3, Map.of());
    }

    @TestConfiguration
    static class View {

        @Bean
        RegistryView registryView() {
            return new RegistryView(event -> { }, RegistryEntries.SEALING);
        }

        @Bean
        BackfillMapper backfillMapper() {
            return new BackfillMapperImpl();
        }
    }
}
