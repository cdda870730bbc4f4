package io.fillonce.gateway.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.openqa.selenium.support.ui.ExpectedConditions.attributeToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import io.fillonce.gateway.PrincipalEntries;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The ops dashboard (/ops/) and the OpenAPI UI (/docs) in headless Chromium, against the real gateway with stub
 * services behind it: what an operator sees, what reaches the services, and that the pages' security policy lets
 * their own scripts run. Its own context (stub services instead of the echo), closed when the class is done.
 * Screenshots of the flow map land in target/screenshots/.
 */
class OpsDashboardIntegrationTests extends BrowserTestBase {

    private static final String OPS_KEY = "browser-ops-key";
    private static final String DEAD_LETTER = "rec-7:2|civil-affairs|webhook";
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String FLOWS = "/api/ops/flows";
    private static final String ALERTS = "/api/ops/alerts";
    private static final String NO_ALERTS = "{\"alerts\":[],\"rules\":[{\"rule\":\"FillOnceDepartmentFailing\","
            + "\"severity\":\"critical\",\"for\":\"PT2M\",\"threshold\":\"breaker open\"}]}";
    private static final StubService INTAKE = new StubService("intake");
    private static final StubService REGISTRY = new StubService("registry");
    private static final StubService SYNC = new StubService("sync");

    OpsDashboardIntegrationTests() {
        super("ops-flows-");
    }

    @DynamicPropertySource
    static void stubs(DynamicPropertyRegistry registry) {
        registry.add("INTAKE_URL", INTAKE::url);
        registry.add("REGISTRY_URL", REGISTRY::url);
        registry.add("SYNC_URL", SYNC::url);
        // the production value, not the test base's 1 s: the page's own pacing must keep a slow service from piling up
        registry.add("fillonce.upstream.response-timeout", () -> "10s");
    }

    @BeforeAll
    void start() {
        SYNC.answer("GET", "/api/ops/dead-letters", "{\"items\": [" + deadLetter("DEAD") + "], \"next\": null}")
                .answer("GET", "/api/ops/dead-letters/" + DEAD_LETTER, deadLetter("DEAD"))
                .answer("POST", "/api/ops/dead-letters/" + DEAD_LETTER + "/replay", deadLetter("PENDING"))
                .answer("POST", "/api/ops/dead-letters/" + DEAD_LETTER + "/discard", deadLetter("DISCARDED"))
                .answer("GET", FLOWS, flows(true))
                .answer("GET", ALERTS, alertFiringSince(Instant.now().minus(3, ChronoUnit.MINUTES)))
                .answer("GET", "/api/ops/receipts/resident/370602199001011234", receipts())
                .answer("GET", "/api/ops/burden", "{\"from\":\"2026-11-08\",\"to\":\"2026-12-07\",\"forms\":321,"
                        + "\"fields\":2345,\"allTime\":{\"forms\":12345,\"fields\":98765},\"rows\":[]}");
        INTAKE.answer("GET", "/actuator/metrics/fillonce.relay.backlog",
                        "{\"name\":\"fillonce.relay.backlog\",\"measurements\":[{\"statistic\":\"VALUE\",\"value\":7.0}]}")
                .answer("GET", "/api/records/resident/batch/job-1", "{\"id\":\"job-1\",\"type\":\"resident\","
                        + "\"state\":\"RUNNING\",\"linesRead\":40,\"linesTotal\":100,\"accepted\":38,\"rejected\":2,"
                        + "\"results\":[]}");
        publishAndAwait(PrincipalEntries.principal("ops:browser", "OPS", OPS_KEY), OPS_KEY, "/api/ops/dead-letters");
        startBrowser();
        // the flow map is drawn anew on every refresh: an element found in one look may be replaced before it is read
        wait.ignoring(StaleElementReferenceException.class);
    }

    @AfterAll
    void stop() {
        List.of(INTAKE, REGISTRY, SYNC).forEach(StubService::stop);
    }

    /** Each test in a new tab (an empty session storage: no key), the previous tab closed. */
    @BeforeEach
    void freshTab() {
        openInFreshTab("/ops/index.html");
    }

    @Test
    void anOperatorSeesDeadLettersHealthAndProgressAndReplays() {
        browser.get(base() + "/ops/");
        assertThat(browser.getCurrentUrl()).isEqualTo(base() + "/ops/index.html");
        useKey(OPS_KEY);

        waitForText(By.id("dead-letters"), "resident/370602199001011234");
        assertThat(text("dead-letters")).contains("civil-affairs", "webhook", "receiver answered 500", "8");
        assertThat(text("lanes")).contains("civil-affairs webhook 1");
        waitForText(By.id("health"), "7 events");
        assertThat(text("health")).contains("gateway UP", "intake-service UP", "registry-service UP", "sync-service UP");
        waitForText(By.id("backfills-note"), "does not offer backfills (404)");

        browser.findElement(By.id("job-type")).sendKeys("resident");
        browser.findElement(By.id("job-id")).sendKeys("job-1");
        browser.findElement(By.cssSelector("#job-form button")).click();
        waitForText(By.id("jobs"), "40 of 100");
        assertThat(text("jobs")).contains("resident/job-1 RUNNING", "38 2");

        browser.findElement(By.cssSelector("button[aria-label='Replay dead letter " + DEAD_LETTER + "']")).click();
        waitForText(By.id("status"), "Replayed " + DEAD_LETTER + ": now PENDING.");
        assertThat(SYNC.requests()).anySatisfy(seen -> {
            assertThat(seen.method()).isEqualTo("POST");
            assertThat(seen.path()).isEqualTo("/api/ops/dead-letters/" + DEAD_LETTER + "/replay");
            assertThat(seen.role()).isEqualTo("OPS");
        });
        assertThat(browser.findElement(By.id("error")).isDisplayed()).isFalse();
        assertThat(policyViolations()).isEmpty();
    }

    @Test
    void anOperatorInspectsAndDiscardsADeadLetterWithAReason() {
        useKey(OPS_KEY);
        waitForText(By.id("dead-letters"), "resident/370602199001011234");

        browser.findElement(By.cssSelector("button[aria-label='Discard dead letter " + DEAD_LETTER + "']")).click();
        waitForText(By.id("detail-fields"), "sha256:0f1e");
        assertThat(text("detail-id")).isEqualTo(DEAD_LETTER);
        browser.findElement(By.id("discard-reason")).sendKeys("the receiver retired this endpoint");
        browser.findElement(By.cssSelector("#discard-form button[type=submit]")).click();

        waitForText(By.id("status"), "Discarded " + DEAD_LETTER + ": now DISCARDED.");
        assertThat(SYNC.requests()).anySatisfy(seen -> {
            assertThat(seen.method()).isEqualTo("POST");
            assertThat(seen.path()).isEqualTo("/api/ops/dead-letters/" + DEAD_LETTER + "/discard");
            assertThat(seen.body()).isEqualTo("{\"reason\":\"the receiver retired this endpoint\"}");
        });
        assertThat(browser.findElement(By.id("dead-letter-detail")).isDisplayed()).isFalse();
    }

    @Test
    void aWrongKeyShowsTheGatewaysProblem() {
        int before = SYNC.requests().size();
        useKey("not-a-key-anyone-has");

        waitForText(By.id("error"), "The key was refused");
        assertThat(text("error")).contains("unknown, revoked, expired or inactive", "(401)");
        assertThat(browser.findElement(By.id("dashboard")).isDisplayed()).isFalse();
        assertThat(SYNC.requests().subList(before, SYNC.requests().size())).as("nothing reached the service")
                .noneSatisfy(seen -> assertThat(seen.path()).startsWith("/api/"));
    }

    @Test
    void theOpenApiUiListsEveryServicesDocument() {
        browser.get(base() + "/docs");
        waitForText(By.cssSelector(".info .title"), INTAKE.title());
        Select definitions = new Select(browser.findElement(By.id("select")));
        assertThat(definitions.getOptions()).extracting(WebElement::getText)
                .containsExactly("intake", "registry", "sync");

        definitions.selectByVisibleText("sync");
        waitForText(By.cssSelector(".info .title"), SYNC.title());
        assertThat(text("swagger-ui")).contains("/api/sync/example");
        assertThat(INTAKE.requests()).anySatisfy(seen -> {
            assertThat(seen.path()).isEqualTo("/v3/api-docs");
            assertThat(seen.host()).as("the document's server is the gateway").isEqualTo("127.0.0.1:" + port);
        });
        assertThat(policyViolations()).isEmpty();
    }


    @Test
    void theFlowMapShowsEachFlowsHealthAndVolumeAndFollowsARecoveryByItself() {
        Instant since = Instant.now().minus(3, ChronoUnit.MINUTES).minusSeconds(10).truncatedTo(ChronoUnit.SECONDS);
        SYNC.answer("GET", FLOWS, flows(true)).answer("GET", ALERTS, alertFiringSince(since));
        useKey(OPS_KEY);

        waitFor(attributeToBe(flow("resident→civil-affairs"), "data-health", "FAILING"));
        assertThat(edge("resident→tax").getAttribute("data-health")).isEqualTo("OK");
        assertThat(edge("business→tax").getAttribute("data-health")).isEqualTo("LAGGING");
        assertThat(edge("business→tax").getAttribute("class")).contains("lagging");
        assertThat(edge("business→health-commission").getAttribute("class")).contains("idle");
        assertThat(width("resident→tax")).as("3.6/s is wider than 0.5/s")
                .isGreaterThan(width("resident→civil-affairs"));
        assertThat(edge("resident→civil-affairs").findElement(By.tagName("title")).getAttribute("textContent"))
                .as("channels of one pair in one edge").contains("0.5/s", "webhook: FAILING, 0.4/s", "feed: OK, 0.1/s");
        assertThat(browser.findElement(By.cssSelector("[data-node='department:civil-affairs']"))
                .getAttribute("data-health")).isEqualTo("FAILING");
        assertThat(text("burden")).as("the burden-reduction headline")
                .contains("12,345 department forms not filled again, 98,765 fields", "321 forms, 2,345 fields");
        assertThat(List.of(text("count-delivered"), text("count-rate"), text("count-failed"), text("count-parked"),
                text("count-dead-letters"))).containsExactly("1,234", "4.1", "3", "1", "2");
        assertThat(text("flows")).contains("resident civil-affairs webhook FAILING 0.4 1,200 3 1 4 messages, 12.5 s",
                "business health-commission feed OK 0 0 0 0 unknown");
        assertThat(text("departments")).contains("civil-affairs FAILING OPEN", "health-commission OK no webhook");
        waitForText(By.id("alerts"), "FillOnceDepartmentFailing");
        assertThat(text("alerts"))
                .contains("critical FillOnceDepartmentFailing civil-affairs's webhook is failing FIRING for 3 min");
        assertThat(browser.findElement(By.cssSelector("#alerts time")).getAttribute("title"))
                .isEqualTo(since.toString());
        assertThat(text("count-alerts")).isEqualTo("1");
        screenshot("failing");

        browser.executeScript("window.stillTheSamePage = true");
        SYNC.answer("GET", FLOWS, flows(false)).answer("GET", ALERTS, NO_ALERTS);

        waitFor(attributeToBe(flow("resident→civil-affairs"), "data-health", "OK"));
        assertThat(edge("resident→civil-affairs").getAttribute("class")).doesNotContain("failing");
        waitForText(By.id("alerts"), "no open alerts");
        assertThat(List.of(text("count-alerts"), text("count-failed"))).containsExactly("0", "0");
        assertThat(text("departments")).contains("civil-affairs OK CLOSED");
        assertThat(browser.executeScript("return window.stillTheSamePage")).as("updated without a reload")
                .isEqualTo(true);
        screenshot("recovered");
        assertThat(consoleErrorsBut("/api/ops/backfills"))
                .as("the 404 of the backfills this sync-service does not offer (on purpose)").isEmpty();
    }

    @Test
    void theFlowMapFitsANarrowScreenAtFullLabelSizeAndRedrawsWhenWidened() {
        browser.manage().window().setSize(new Dimension(390, 844));
        try {
            useKey(OPS_KEY);
            waitFor(presenceOfElementLocated(flow("resident→tax")));
            browser.executeScript("document.getElementById('flows-title').scrollIntoView()");
            long overflow = ((Number) browser.executeScript(
                    "return document.documentElement.scrollWidth - window.innerWidth")).longValue();
            double drawnWidth = ((Number) browser.executeScript(
                    "return document.getElementById('flow-map').getBoundingClientRect().width")).doubleValue();
            assertThat(overflow).as("nothing wider than the screen").isLessThanOrEqualTo(0);
            assertThat(drawnWidth / mapWidth()).as("drawn 1:1 for its width, labels not shrunk").isBetween(0.95, 1.05);
            assertThat(browser.findElements(By.cssSelector("#flow-map [data-flow]"))).hasSize(4);
            screenshot("narrow");

            browser.manage().window().setSize(new Dimension(1280, 1600));
            waitFor(driver -> mapWidth() > 1000);
        }
        finally {
            browser.manage().window().setSize(new Dimension(1280, 1600));
        }
    }

    @Test
    void aSlowServiceSlowsTheRefreshDownInsteadOfPilingRequestsUp() {
        SYNC.answer("GET", FLOWS, flows(true));
        useKey(OPS_KEY);
        waitFor(attributeToBe(flow("resident→civil-affairs"), "data-health", "FAILING"));

        SYNC.answerSlowly("GET", FLOWS, flows(false), Duration.ofSeconds(7));
        int before = requestsFor(FLOWS);
        try {
            await().atMost(Duration.ofSeconds(40)).until(() -> requestsFor(FLOWS) >= before + 2);
            assertThat(SYNC.mostHeldAtOnce("GET", FLOWS)).as("a 7 s answer, a 5 s refresh, one request at a time")
                    .isEqualTo(1);
        }
        finally {
            SYNC.answer("GET", FLOWS, flows(false));
        }
        waitFor(attributeToBe(flow("resident→civil-affairs"), "data-health", "OK"));
    }

    @Test
    void aFailedRefreshSaysWhatFailedUntilARefreshCompletes() {
        SYNC.answer("GET", ALERTS, NO_ALERTS);
        useKey(OPS_KEY);
        waitFor(attributeToBe(By.id("refresh-line"), "data-state", "ok"));

        SYNC.fail("GET", ALERTS, 500, "the alert rules could not be evaluated");
        try {
            waitForText(By.id("refresh-outcome"), "failed: alerts");
            assertThat(browser.findElement(By.id("refresh-line")).getAttribute("data-state")).isEqualTo("failed");
            assertThat(text("refresh-outcome")).contains("last complete refresh");
            assertThat(text("error")).contains("alerts: the alert rules could not be evaluated (500)");
            assertThat(browser.findElement(By.id("alerts-section")).getAttribute("data-stale"))
                    .as("the last list of alerts is not passed off as current").isEqualTo("true");
            assertThat(browser.findElement(By.id("flows-section")).getAttribute("data-stale")).isEqualTo("false");
            screenshot("refresh-failed");
        }
        finally {
            SYNC.answer("GET", ALERTS, NO_ALERTS);
        }
        waitFor(attributeToBe(By.id("refresh-line"), "data-state", "ok"));
        assertThat(browser.findElement(By.id("error")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.id("alerts-section")).getAttribute("data-stale")).isEqualTo("false");
    }

    @Test
    void aReceiptLinksToItsDeliverysTrace() {
        useKey(OPS_KEY);
        waitFor(presenceOfElementLocated(flow("resident→tax")));

        browser.findElement(By.id("receipts-type")).sendKeys("resident");
        browser.findElement(By.id("receipts-key")).sendKeys("370602199001011234");
        browser.findElement(By.cssSelector("#receipts-form button")).click();

        waitForText(By.id("receipts"), "civil-affairs");
        WebElement trace = browser.findElement(By.cssSelector("#receipts a"));
        assertThat(trace.getText()).isEqualTo("trace");
        assertThat(trace.getAttribute("href")).isEqualTo("http://jaeger.example:16686/trace/" + TRACE_ID);
        assertThat(text("receipts")).contains("tax topic 2 DELIVERED 2026-12-07 09:59:00Z 1 —");
    }

    private void useKey(String key) {
        browser.findElement(By.id("api-key")).sendKeys(key);
        browser.findElement(By.cssSelector("#key-form button[type=submit]")).click();
    }

    private static By flow(String flow) {
        return By.cssSelector("#flow-map [data-flow='" + flow + "']");
    }

    private WebElement edge(String flow) {
        return browser.findElement(flow(flow));
    }

    private double width(String flow) {
        return Double.parseDouble(edge(flow).getAttribute("stroke-width"));
    }

    private double mapWidth() {
        return ((Number) browser.executeScript("return document.getElementById('flow-map').viewBox.baseVal.width"))
                .doubleValue();
    }

    private int requestsFor(String path) {
        return (int) SYNC.requests().stream().filter(seen -> seen.path().equals(path)).count();
    }

    private static String deadLetter(String status) {
        return "{\"id\":\"" + DEAD_LETTER + "\",\"eventId\":\"rec-7:2\",\"department\":\"civil-affairs\","
                + "\"channel\":\"webhook\",\"subscription\":\"s-1\",\"type\":\"resident\","
                + "\"entityKey\":\"370602199001011234\",\"version\":2,\"status\":\"" + status + "\","
                + "\"reason\":\"the receiver answered 500\",\"attempts\":8,\"payloadHash\":\"sha256:0f1e\","
                + "\"createdAt\":\"2026-11-27T10:00:00.123Z\",\"discardReason\":null}";
    }

    /**
     * sync's flows: resident goes to civil-affairs by webhook (failing unless {@code failing} is false) and feed, and
     * busily to tax by topic; business lags to tax and sends nothing to health-commission (a feed, no breaker).
     */
    private static String flows(boolean failing) {
        String health = failing ? "FAILING" : "OK";
        return """
                {"at":"2026-12-07T10:00:00Z","windowSeconds":300,
                 "totals":{"delivered":1234,"failed":%d,"parked":1,"deadLetters":2,"ratePerSecond":4.1},
                 "flows":[%s,%s,%s,%s,%s],
                 "departments":[{"department":"civil-affairs","health":"%s","breaker":"%s"},
                   {"department":"tax","health":"LAGGING","breaker":"CLOSED"},
                   {"department":"health-commission","health":"OK","breaker":null}],
                 "traceLink":"http://jaeger.example:16686/trace/{traceId}"}
                """.formatted(failing ? 3 : 0,
                flow("resident", "civil-affairs", "webhook", 1200, failing ? 3 : 0, "4", "12.5", 0.4, health),
                flow("resident", "civil-affairs", "feed", 30, 0, "null", "null", 0.1, "OK"),
                flow("resident", "tax", "topic", 4, 0, "0", "0.2", 3.6, "OK"),
                flow("business", "tax", "topic", 0, 0, "40", "320.0", 0.0, "LAGGING"),
                flow("business", "health-commission", "feed", 0, 0, "null", "null", 0.0, "OK"),
                health, failing ? "OPEN" : "CLOSED");
    }

    private static String flow(String type, String department, String channel, int delivered, int failed,
            String lagMessages, String lagSeconds, double rate, String health) {
        return """
                {"recordType":"%s","department":"%s","channel":"%s","delivered":%d,"failed":%d,"parked":%d,
                 "lagMessages":%s,"lagSeconds":%s,"lastDelivery":%s,"ratePerSecond":%s,"health":"%s"}"""
                .formatted(type, department, channel, delivered, failed, failed > 0 ? 1 : 0, lagMessages, lagSeconds,
                        delivered > 0 ? "\"2026-12-07T09:59:58Z\"" : "null", rate, health);
    }

    private static String alertFiringSince(Instant since) {
        return """
                {"alerts":[{"id":"department-failing|civil-affairs|webhook","rule":"FillOnceDepartmentFailing",
                  "severity":"critical","state":"FIRING","since":"%s","summary":"civil-affairs's webhook is failing",
                  "labels":{"department":"civil-affairs","channel":"webhook"}}],
                 "rules":[{"rule":"FillOnceDepartmentFailing","severity":"critical","for":"PT2M",
                   "threshold":"breaker open"}]}
                """.formatted(since);
    }

    /** Two receipts of one resident: the webhook delivery traced, the topic one from before tracing. */
    private static String receipts() {
        return """
                {"type":"resident","entityKey":"370602199001011234","receipts":[
                  {"department":"civil-affairs","channel":"webhook","eventId":"rec-7:2","version":2,
                   "status":"DELIVERED","deliveredAt":"2026-12-07T09:58:00Z","attempts":2,"reason":null,"traceId":"%s"},
                  {"department":"tax","channel":"topic","eventId":"rec-7:2","version":2,"status":"DELIVERED",
                   "deliveredAt":"2026-12-07T09:59:00Z","attempts":1,"reason":null}]}
                """.formatted(TRACE_ID);
    }
}
