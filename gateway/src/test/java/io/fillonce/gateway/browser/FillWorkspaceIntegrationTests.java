package io.fillonce.gateway.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.fillonce.gateway.PrincipalEntries;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The cadre workspace (/fill/) in headless Chromium, against the real gateway with stub services behind it: the form
 * generated from a schema with Chinese titles, fill once (a known key fills the form; a correction is a JSON Merge
 * Patch of the changed field with If-Match), a stale version (412) explained without losing what was typed, the
 * platform's field problems beside their fields in Chinese, and the pages' security policy letting the page's own
 * script run. The real services behind it: {@code deploy/local}'s {@code WorkspaceChecks}.
 */
class FillWorkspaceIntegrationTests extends BrowserTestBase {

    private static final String CADRE_KEY = "browser-cadre-key";
    private static final String ID = "370602199001011234";
    private static final String RECORD = "/api/records/resident/" + ID;
    private static final StubService INTAKE = new StubService("intake");
    private static final StubService REGISTRY = new StubService("registry");
    private static final StubService SYNC = new StubService("sync");
    private static final String SCHEMA = """
            {"type": "object", "title": "Resident", "x-l10n": {"zh-CN": {"title": "居民信息"}},
             "required": ["idNumber", "name", "regionCode"],
             "properties": {
               "idNumber": {"type": "string", "pattern": "^[0-9]{17}[0-9X]$", "title": "ID number",
                            "x-l10n": {"zh-CN": {"title": "身份证号码", "description": "18 位，最后一位可以是 X。"}}},
               "name": {"type": "string", "minLength": 1, "title": "Name", "x-l10n": {"zh-CN": {"title": "姓名"}}},
               "gender": {"type": "string", "enum": ["F", "M"], "title": "Sex",
                          "x-l10n": {"zh-CN": {"title": "性别", "enumTitles": {"F": "女", "M": "男"}}}},
               "birthDate": {"type": "string", "format": "date", "x-l10n": {"zh-CN": {"title": "出生日期"}}},
               "phone": {"type": "string", "pattern": "^[0-9+-]{7,20}$", "x-l10n": {"zh-CN": {"title": "联系电话"}}},
               "regionCode": {"type": "string", "pattern": "^[0-9]{6}$",
                              "x-l10n": {"zh-CN": {"title": "行政区划代码"}}},
               "address": {"type": "object", "x-l10n": {"zh-CN": {"title": "现住址"}},
                           "properties": {"line": {"type": "string", "x-l10n": {"zh-CN": {"title": "详细地址"}}}}}}}
            """;

    FillWorkspaceIntegrationTests() {
        super("fill-");
    }

    @DynamicPropertySource
    static void stubs(DynamicPropertyRegistry registry) {
        registry.add("INTAKE_URL", INTAKE::url);
        registry.add("REGISTRY_URL", REGISTRY::url);
        registry.add("SYNC_URL", SYNC::url);
    }

    @BeforeAll
    void start() {
        INTAKE.answer("GET", "/api/forms", "{\"forms\": [{\"type\": \"resident\", \"schemaVersion\": 1, "
                        + "\"title\": \"Resident\", \"x-l10n\": {\"zh-CN\": {\"title\": \"居民信息\"}}}]}")
                .answer("GET", "/api/forms/resident", "{\"type\": \"resident\", \"schemaVersion\": 1, \"schema\": "
                        + SCHEMA + ", \"entityKey\": [\"idNumber\"], \"regionField\": \"regionCode\", "
                        + "\"crossRegionCorrection\": false}")
                .answer("GET", RECORD + "/history", "{\"type\": \"resident\", \"entityKey\": \"" + ID + "\", "
                        + "\"versions\": [{\"version\": 1, \"typeVersion\": 1, \"submittedBy\": \"cadre:c-0001\", "
                        + "\"submittedAt\": \"2026-12-01T08:00:00Z\", \"channel\": \"api\", \"changes\": "
                        + "{\"added\": [\"/name\"], \"removed\": [], \"changed\": []}, \"data\": {}}]}");
        SYNC.answer("GET", "/api/burden/mine", "{\"principal\": \"cadre:c-browser\", \"forms\": 12, "
                + "\"fields\": 96, \"days\": []}");
        SYNC.answer("GET", RECORD + "/receipts", "{\"type\": \"resident\", \"entityKey\": \"" + ID + "\", "
                + "\"receipts\": [{\"department\": \"civil-affairs\", \"channel\": \"topic\", \"eventId\": \"r:2\", "
                + "\"version\": 2, \"status\": \"DELIVERED\", \"deliveredAt\": \"2026-12-07T08:00:00Z\", "
                + "\"attempts\": 1}]}");
        publishAndAwait(PrincipalEntries.cadre("c-browser", CADRE_KEY, "370602"), CADRE_KEY, "/api/forms");
        startBrowser();
    }

    @AfterAll
    void stop() {
        List.of(INTAKE, REGISTRY, SYNC).forEach(StubService::stop);
    }

    /** Each test in a new tab (an empty session storage: no key), signed in, the form chosen, in Chinese. */
    @BeforeEach
    void signedInWithTheFormOpen() {
        INTAKE.answer("GET", RECORD, version(1, "李梅"));
        openInFreshTab("/fill/");
        if (!"zh-CN".equals(browser.findElement(By.tagName("html")).getAttribute("lang"))) {
            browser.findElement(By.id("language")).click();
        }
        browser.findElement(By.id("api-key")).sendKeys(CADRE_KEY, Keys.ENTER);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#type option[value=resident]")));
        new Select(browser.findElement(By.id("type"))).selectByValue("resident");
        waitForText(By.id("form-title"), "居民信息");
    }

    @Test
    void aKnownIdFillsTheFormAndACorrectionSendsOnlyTheChangedFieldWithIfMatch() {
        assertThat(text("fields")).contains("身份证号码", "姓名", "性别", "出生日期", "现住址", "详细地址");
        assertThat(input("/birthDate").getAttribute("type")).isEqualTo("date");
        assertThat(new Select(input("/gender")).getOptions()).extracting(WebElement::getText)
                .containsExactly("—", "女 (F)", "男 (M)");
        waitForText(By.id("burden"), "你已为各部门免填 12 张表、96 个字段。"); // the cadre's own figure

        input("/idNumber").sendKeys(ID, Keys.TAB);
        waitForText(By.id("record-state"), "第 1 版");
        assertThat(input("/name").getAttribute("value")).isEqualTo("李梅");
        assertThat(input("/address/line").getAttribute("value")).isEqualTo("12 Haigang Rd");
        assertThat(field("/name").getAttribute("class")).contains("from-platform");
        recordRequests();
        INTAKE.answer("PATCH", RECORD, 201, "application/json", receipt(2));
        input("/phone").clear();
        input("/phone").sendKeys("13900002222");
        assertThat(field("/phone").getAttribute("class")).contains("changed").doesNotContain("from-platform");
        screenshot("changed");
        input("/phone").sendKeys(Keys.ENTER);

        waitForText(By.id("record-state"), "第 2 版");
        JsonNode patch = JSON.readTree(String.valueOf(browser.executeScript(
                "return JSON.stringify(window.sent.find((r) => r.method === 'PATCH'))")));
        assertThat(patch.at("/headers/If-Match").asString()).isEqualTo("\"1\"");
        assertThat(patch.at("/headers/Content-Type").asString()).isEqualTo("application/merge-patch+json");
        assertThat(INTAKE.requests()).anySatisfy(seen -> {
            assertThat(seen.method()).isEqualTo("PATCH");
            assertThat(JSON.readTree(seen.body())).isEqualTo(JSON.readTree("{\"phone\": \"13900002222\"}"));
            assertThat(seen.role()).isEqualTo("CADRE");
        });
        waitForText(By.id("receipts"), "civil-affairs");
        assertThat(text("receipts")).contains("消息主题", "已送达 (DELIVERED)");
        assertThat(text("history")).contains("cadre:c-0001", "表单填报", "姓名");
        assertThat(policyViolations()).isEmpty();
        assertThat(consoleErrorsBut("404")).as("the 404s the page expects: no burden figure, a key nobody holds")
                .isEmpty();
    }

    @Test
    void aVersionSomeoneElseSubmittedMeanwhileIsShownAndWhatWasTypedStays() {
        input("/idNumber").sendKeys(ID, Keys.TAB);
        waitForText(By.id("record-state"), "第 1 版");
        INTAKE.fail("PATCH", RECORD, 412, "the entity is at version 3, not 1")
                .answer("GET", RECORD, version(3, "李梅梅"));
        input("/phone").clear();
        input("/phone").sendKeys("13900002222");
        browser.findElement(By.id("submit")).click();

        waitForText(By.id("conflict"), "第 3 版");
        assertThat(input("/phone").getAttribute("value")).as("what the cadre typed").isEqualTo("13900002222");
        assertThat(input("/name").getAttribute("value")).as("the newer version's value").isEqualTo("李梅梅");
        assertThat(field("/phone").getAttribute("class")).contains("changed");
        screenshot("stale");

        recordRequests();
        INTAKE.answer("PATCH", RECORD, 201, "application/json", receipt(4));
        browser.findElement(By.id("submit")).click();
        waitForText(By.id("record-state"), "第 4 版");
        JsonNode patch = JSON.readTree(String.valueOf(browser.executeScript(
                "return JSON.stringify(window.sent.find((r) => r.method === 'PATCH'))")));
        assertThat(patch.at("/headers/If-Match").asString()).isEqualTo("\"3\"");
        assertThat(JSON.readTree(patch.at("/body").asString()))
                .isEqualTo(JSON.readTree("{\"phone\": \"13900002222\"}"));
    }

    @Test
    void problemsAreShownBesideTheirFieldsInChineseFromThePageAndFromThePlatform() {
        input("/idNumber").sendKeys("12345", Keys.TAB);
        waitForText(By.id("record-state"), "新记录");
        assertThat(browser.findElement(By.id("origin-legend")).isDisplayed()).as("nothing from the platform").isFalse();
        int posts = posts();
        browser.findElement(By.id("submit")).click();
        waitForText(By.cssSelector("[data-pointer='/idNumber'] .field-error"), "格式不正确。18 位，最后一位可以是 X");
        assertThat(text(By.cssSelector("[data-pointer='/name'] .field-error"))).isEqualTo("此项必填。");
        assertThat(text(By.cssSelector("[data-pointer='/regionCode'] .field-error"))).isEqualTo("此项必填。");
        assertThat(browser.switchTo().activeElement().getAttribute("id")).as("the first field to correct")
                .isEqualTo(input("/idNumber").getAttribute("id"));
        assertThat(posts()).as("nothing sent").isEqualTo(posts);

        INTAKE.answer("POST", "/api/records/resident", 422, "application/problem+json", """
                {"type": "https://fillonce.io/problems/validation", "title": "Record rejected", "status": 422,
                 "errors": [{"pointer": "/birthDate", "rule": "format", "message": "must be a valid date"},
                            {"pointer": "/address/line", "rule": "maxLength", "message": "must be at most 80 long"},
                            {"pointer": "/nickname", "rule": "additionalProperties", "message": "not declared"},
                            {"pointer": "", "rule": "x-cross-field", "message": "line needs a district"}]}""");
        input("/idNumber").clear();
        input("/idNumber").sendKeys("370602199202023334", Keys.TAB);
        input("/name").sendKeys("王强");
        input("/regionCode").sendKeys("370602");
        input("/address/line").sendKeys("海港路 12 号");
        browser.findElement(By.id("submit")).click();

        waitForText(By.cssSelector("[data-pointer='/birthDate'] .field-error"), "请填写有效日期（年-月-日）。");
        assertThat(text(By.cssSelector("[data-pointer='/address/line'] .field-error")))
                .as("no limit in the page's schema: the platform's own words").isEqualTo("must be at most 80 long");
        assertThat(text("form-problems")).contains("平台发现以下问题", "/nickname: not declared",
                "/: line needs a district");
        screenshot("problems");

        browser.findElement(By.id("language")).click();
        assertThat(text(By.cssSelector("[data-pointer='/birthDate'] .field-error")))
                .isEqualTo("A valid date (year-month-day), please.");
        assertThat(text("fields")).contains("ID number", "Name", "Sex");
    }

    @Test
    void fitsA360PixelPhoneAndEveryInputHasALabel() {
        Object unlabelled = browser.executeScript("return [...document.querySelectorAll('input, select')]"
                + ".filter((e) => !e.labels || e.labels.length === 0).map((e) => e.id)");
        assertThat((List<?>) unlabelled).isEmpty();
        browser.manage().window().setSize(new Dimension(360, 780));
        try {
            Object overflow = browser.executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
            assertThat(((Number) overflow).intValue()).as("sideways scrolling").isLessThanOrEqualTo(0);
            screenshot("phone");
        }
        finally {
            browser.manage().window().setSize(new Dimension(1280, 1600));
        }
    }

    private static String version(int version, String name) {
        return "{\"recordId\": \"rec-1\", \"type\": \"resident\", \"entityKey\": \"" + ID + "\", \"version\": "
                + version + ", \"typeVersion\": 1, \"submittedBy\": \"cadre:c-0001\", \"submittedAt\": "
                + "\"2026-12-01T08:00:00Z\", \"data\": {\"idNumber\": \"" + ID + "\", \"name\": \"" + name + "\", "
                + "\"gender\": \"F\", \"phone\": \"13800001234\", \"regionCode\": \"370602\", "
                + "\"address\": {\"line\": \"12 Haigang Rd\"}}}";
    }

    private static String receipt(int version) {
        return "{\"recordId\": \"rec-1\", \"type\": \"resident\", \"entityKey\": \"" + ID + "\", \"version\": "
                + version + "}";
    }

    private int posts() {
        return (int) INTAKE.requests().stream().filter(seen -> seen.method().equals("POST")).count();
    }

    /** Keeps every request the page sends from here on in window.sent: method, headers and body. */
    private void recordRequests() {
        browser.executeScript("""
                window.sent = [];
                const original = window.fetch.bind(window);
                window.fetch = (url, options = {}) => {
                  window.sent.push({ url: String(url), method: options.method || 'GET', headers: options.headers,
                    body: typeof options.body === 'string' ? options.body : null });
                  return original(url, options);
                };""");
    }

    private WebElement field(String pointer) {
        return browser.findElement(By.cssSelector("[data-pointer='" + pointer + "']"));
    }

    private WebElement input(String pointer) {
        return field(pointer).findElement(By.cssSelector("input, select"));
    }
}
