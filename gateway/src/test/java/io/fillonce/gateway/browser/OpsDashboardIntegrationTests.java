package io.fillonce.gateway.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.fillonce.gateway.GatewayTestBase;
import io.fillonce.gateway.PrincipalEntries;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The ops dashboard (/ops/) and the OpenAPI UI (/docs) in headless Chromium, against the real gateway with stub
 * services behind it: what an operator sees, what reaches the services, and that the pages' security policy lets
 * their own scripts run. Its own context (stub services instead of the echo), closed when the class is done.
 */
@ExtendWith(HeadlessChromium.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DirtiesContext
class OpsDashboardIntegrationTests extends GatewayTestBase {

    private static final String OPS_KEY = "browser-ops-key";
    private static final String DEAD_LETTER = "rec-7:2|civil-affairs|webhook";
    private static final StubService INTAKE = new StubService("intake");
    private static final StubService REGISTRY = new StubService("registry");
    private static final StubService SYNC = new StubService("sync");

    final List<String> console = new ArrayList<>();
    ChromeDriver browser;
    WebDriverWait wait;

    @DynamicPropertySource
    static void stubs(DynamicPropertyRegistry registry) {
        registry.add("INTAKE_URL", INTAKE::url);
        registry.add("REGISTRY_URL", REGISTRY::url);
        registry.add("SYNC_URL", SYNC::url);
    }

    @BeforeAll
    void start() {
        SYNC.answer("GET", "/api/ops/dead-letters", "[" + deadLetter("DEAD") + "]")
                .answer("GET", "/api/ops/dead-letters/" + DEAD_LETTER, deadLetter("DEAD"))
                .answer("POST", "/api/ops/dead-letters/" + DEAD_LETTER + "/replay", deadLetter("PENDING"))
                .answer("POST", "/api/ops/dead-letters/" + DEAD_LETTER + "/discard", deadLetter("DISCARDED"));
        INTAKE.answer("GET", "/actuator/metrics/fillonce.relay.backlog",
                        "{\"name\":\"fillonce.relay.backlog\",\"measurements\":[{\"statistic\":\"VALUE\",\"value\":7.0}]}")
                .answer("GET", "/api/records/resident/batch/job-1", "{\"id\":\"job-1\",\"type\":\"resident\","
                        + "\"state\":\"RUNNING\",\"linesRead\":40,\"linesTotal\":100,\"accepted\":38,\"rejected\":2,"
                        + "\"results\":[]}");
        publishAndAwait(PrincipalEntries.principal("ops:browser", "OPS", OPS_KEY), OPS_KEY, "/api/ops/dead-letters");
        browser = HeadlessChromium.start();
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        List.of(INTAKE, REGISTRY, SYNC).forEach(StubService::stop);
    }

    /** Each test in a new tab (an empty session storage: no key), the previous tab closed. */
    @BeforeEach
    void freshTab() {
        console.clear();
        String previous = browser.getWindowHandle();
        browser.switchTo().newWindow(WindowType.TAB);
        String fresh = browser.getWindowHandle();
        browser.switchTo().window(previous).close();
        browser.switchTo().window(fresh);
        browser.get(base() + "/ops/index.html");
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

    /** Waits for {@code text} in the element; on timeout says what the browser's console said. */
    private void waitForText(By element, String text) {
        try {
            wait.until(textToBePresentInElementLocated(element, text));
        }
        catch (TimeoutException e) {
            readConsole();
            String page = browser.findElement(By.tagName("body")).getText();
            throw new AssertionError(e.getMessage() + "\npage:\n" + page.substring(0, Math.min(page.length(), 3000))
                    + "\nbrowser console:\n" + String.join("\n", console), e);
        }
    }

    private void useKey(String key) {
        browser.findElement(By.id("api-key")).sendKeys(key);
        browser.findElement(By.cssSelector("#key-form button[type=submit]")).click();
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getText().replaceAll("\\s+", " ");
    }

    private List<String> policyViolations() {
        readConsole();
        return console.stream().filter(message -> message.contains("Content Security Policy")).toList();
    }

    private void readConsole() {
        browser.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage).forEach(console::add);
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    private static String deadLetter(String status) {
        return "{\"id\":\"" + DEAD_LETTER + "\",\"eventId\":\"rec-7:2\",\"department\":\"civil-affairs\","
                + "\"channel\":\"webhook\",\"subscription\":\"s-1\",\"type\":\"resident\","
                + "\"entityKey\":\"370602199001011234\",\"version\":2,\"status\":\"" + status + "\","
                + "\"reason\":\"the receiver answered 500\",\"attempts\":8,\"payloadHash\":\"sha256:0f1e\","
                + "\"createdAt\":\"2026-11-27T10:00:00.123Z\",\"discardReason\":null}";
    }
}
