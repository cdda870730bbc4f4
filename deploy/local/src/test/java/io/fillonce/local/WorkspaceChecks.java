package io.fillonce.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

/**
 * The cadre workspace (/fill/) in headless Chromium against the running local stack and its demo catalogue, as a
 * grassroots official uses it: signs in, types a known ID number and sees the form filled from the platform, changes
 * one field and submits (a JSON Merge Patch of that field only, with If-Match), sees the departments' receipts; meets
 * a change someone else made meanwhile (412) without losing what was typed; gets the page's and the platform's
 * messages beside the fields, in Chinese; downloads the XLSX template, fills it in, uploads it, follows the progress
 * bar and downloads the rejected rows. Screenshots of each step in target/screenshots/workspace-*.png.
 */
final class WorkspaceChecks {

    private static final String TYPE = "population";
    private static final String KNOWN_ID = "370602198805051236";
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final LocalStack stack;
    private final GatewayClient gateway;
    private final Path downloads = Path.of("target/workspace-downloads").toAbsolutePath();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String cadreKey;
    private long sparedBeforeSignIn;
    private Chromium browser;

    WorkspaceChecks(LocalStack stack, GatewayClient gateway) {
        this.stack = stack;
        this.gateway = gateway;
    }

    void run() throws Exception {
        cadreKey = newCadre();
        submitKnownResident();
        try (Chromium opened = Chromium.open()) {
            browser = opened;
            Files.createDirectories(downloads);
            browser.driver.executeCdpCommand("Browser.setDownloadBehavior",
                    Map.of("behavior", "allow", "downloadPath", downloads.toString()));
            sparedBeforeSignIn = awaitFormsSpared();
            signInInChinese();
            aKnownIdFillsTheFormAndOnlyTheChangedFieldIsSent();
            aChangeSomeoneElseMadeIsShownWithoutLosingWhatWasTyped();
            problemsAreShownBesideTheirFieldsInChinese();
            fitsAPhoneAndEveryInputHasALabel();
            aSpreadsheetIsDownloadedFilledUploadedAndItsRejectedRowsComeBack();
        }
    }

    /**
     * The forms the known resident's version spared departments, once the ledger counts any: the demo catalogue's
     * population subscriptions by topic confirm it as soon as the fan-out commits.
     */
    private long awaitFormsSpared() throws Exception {
        long[] forms = new long[1];
        await(() -> {
            GatewayClient.Reply mine = gateway.get("/api/burden/mine", cadreKey);
            assertThat(mine.status()).as(String.valueOf(mine.body())).isEqualTo(200);
            forms[0] = mine.body().get("forms").asLong();
            return forms[0] > 0;
        }, "the burden ledger credits the cadre's first submission");
        return forms[0];
    }

    private String newCadre() throws Exception {
        GatewayClient.Reply cadre = gateway.post("/api/registry/cadres", stack.adminKey(), """
                {"id": "c-fill", "name": "Li Na", "regionCode": "370602"}
                """);
        assertThat(cadre.status()).as(String.valueOf(cadre.body())).isEqualTo(201);
        String key = cadre.body().get("apiKey").asString();
        await(() -> gateway.get("/api/forms", key).status() == 200, "the gateway and intake know the new cadre");
        return key;
    }

    private void submitKnownResident() throws Exception {
        String record = """
                {"idNumber": "%s", "name": "张丽", "gender": "F", "ethnicity": "han", "birthDate": "1988-05-05",
                 "phone": "13800001111", "regionCode": "370602", "address": {"line": "芝罘区海港路 12 号"}}
                """.formatted(KNOWN_ID);
        await(() -> gateway.post("/api/records/" + TYPE, cadreKey, record).status() == 201,
                "the demo catalogue's population type takes a record");
    }

    private void signInInChinese() throws Exception {
        browser.driver.get(stack.gateway() + "/fill/");
        assertThat(browser.driver.getCurrentUrl()).isEqualTo(stack.gateway() + "/fill/index.html");
        if (!"zh-CN".equals(browser.driver.findElement(By.tagName("html")).getAttribute("lang"))) {
            browser.driver.findElement(By.id("language")).click();
        }
        browser.waitForText(By.tagName("h1"), "基层工作台");
        browser.driver.findElement(By.id("api-key")).sendKeys(cadreKey, Keys.ENTER);
        browser.waitForText(By.id("status"), "已登录");
        new Select(browser.driver.findElement(By.id("type"))).selectByValue(TYPE);
        browser.waitForText(By.id("form-title"), "人口基础信息");
        assertThat(browser.text(By.id("fields"))).contains("身份证号码", "姓名", "性别", "民族", "出生日期", "现住址");
        assertThat(input("/birthDate").getAttribute("type")).isEqualTo("date");
        assertThat(new Select(input("/gender")).getOptions()).extracting(WebElement::getText)
                .contains("女 (F)", "男 (M)");
        browser.waitForText(By.id("burden"), "你已为各部门免填");
        WebElement figure = browser.driver.findElement(By.id("burden"));
        assertThat(Long.parseLong(figure.getAttribute("data-forms"))).as("the known resident's confirmed copies, "
                + "credited to this cadre before it signed in").isGreaterThanOrEqualTo(sparedBeforeSignIn);
        browser.screenshot("workspace-1-signed-in");
    }

    private void aKnownIdFillsTheFormAndOnlyTheChangedFieldIsSent() throws Exception {
        input("/idNumber").sendKeys(KNOWN_ID, Keys.TAB);
        browser.waitForText(By.id("record-state"), "第 1 版");
        assertThat(input("/name").getAttribute("value")).isEqualTo("张丽");
        assertThat(input("/address/line").getAttribute("value")).isEqualTo("芝罘区海港路 12 号");
        assertThat(field("/name").getAttribute("class")).contains("from-platform");
        screenshot("workspace-2-filled-from-the-platform", By.id("form-section"));

        recordRequests();
        input("/phone").clear();
        input("/phone").sendKeys("13900002222");
        assertThat(field("/phone").getAttribute("class")).contains("changed").doesNotContain("from-platform");
        screenshot("workspace-3-one-field-changed", By.cssSelector("[data-pointer='/phone']"));
        input("/phone").sendKeys(Keys.ENTER);
        browser.waitForText(By.id("record-state"), "第 2 版");

        JsonNode patch = GatewayClient.JSON.readTree(String.valueOf(browser.driver.executeScript(
                "return JSON.stringify(window.sent.filter((r) => r.method === 'PATCH'))")));
        assertThat(patch.size()).isEqualTo(1);
        assertThat(patch.at("/0/headers/Content-Type").asString()).isEqualTo("application/merge-patch+json");
        assertThat(patch.at("/0/headers/If-Match").asString()).isEqualTo("\"1\"");
        assertThat(GatewayClient.JSON.readTree(patch.at("/0/body").asString()))
                .isEqualTo(GatewayClient.JSON.readTree("{\"phone\": \"13900002222\"}"));
        JsonNode stored = record();
        assertThat(stored.at("/data/phone").asString()).isEqualTo("13900002222");
        assertThat(stored.at("/data/name").asString()).isEqualTo("张丽");

        new WebDriverWait(browser.driver, PATIENCE.multipliedBy(2)).until(driver -> "stable".equals(
                driver.findElement(By.id("receipts-state")).getAttribute("data-state")));
        assertThat(browser.text(By.id("receipts"))).contains("statistics-bureau", "已送达 (DELIVERED)");
        assertThat(browser.text(By.id("history"))).contains("联系电话", "修改");
        screenshot("workspace-4-receipts-and-history", By.id("receipts-section"));
    }

    private void aChangeSomeoneElseMadeIsShownWithoutLosingWhatWasTyped() throws Exception {
        HttpResponse<String> elsewhere = http.send(HttpRequest.newBuilder(URI.create(stack.gateway()
                + "/api/records/" + TYPE + "/" + KNOWN_ID)).header("Authorization", "Bearer " + cadreKey)
                .header("Content-Type", "application/merge-patch+json").header("If-Match", "\"2\"")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"name\": \"张丽华\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(elsewhere.statusCode()).as(elsewhere.body()).isEqualTo(201);

        input("/occupation").sendKeys("社区工作者");
        browser.driver.findElement(By.id("submit")).click();
        browser.waitForText(By.id("conflict"), "第 3 版");
        assertThat(input("/occupation").getAttribute("value")).as("what the cadre typed").isEqualTo("社区工作者");
        assertThat(input("/name").getAttribute("value")).as("the newer version's value").isEqualTo("张丽华");
        screenshot("workspace-5-changed-by-someone-else", By.id("conflict"));

        browser.driver.findElement(By.id("submit")).click();
        browser.waitForText(By.id("record-state"), "第 4 版");
        JsonNode stored = record();
        assertThat(stored.at("/data/occupation").asString()).isEqualTo("社区工作者");
        assertThat(stored.at("/data/name").asString()).isEqualTo("张丽华");
    }

    private void problemsAreShownBesideTheirFieldsInChinese() throws Exception {
        browser.driver.findElement(By.id("clear")).click();
        input("/idNumber").sendKeys("12345", Keys.TAB);
        browser.waitForText(By.id("record-state"), "新记录");
        new Select(input("/gender")).selectByValue("M");
        input("/regionCode").sendKeys("370602");
        browser.driver.findElement(By.id("submit")).click();
        browser.waitForText(By.cssSelector("[data-pointer='/idNumber'] .field-error"), "格式不正确");
        assertThat(browser.text(By.cssSelector("[data-pointer='/name'] .field-error"))).isEqualTo("此项必填。");
        assertThat(input("/name").getAttribute("aria-invalid")).isEqualTo("true");
        screenshot("workspace-6-checked-in-the-page", By.id("form-section"));

        // what only the platform decides: another region (403), an address its email check refuses (422)
        input("/idNumber").clear();
        input("/idNumber").sendKeys("370602199202023334", Keys.TAB);
        input("/name").sendKeys("王强");
        input("/regionCode").clear();
        input("/regionCode").sendKeys("110101");
        browser.driver.findElement(By.id("submit")).click();
        browser.waitForText(By.cssSelector("[data-pointer='/regionCode'] .field-error"), "不在你的辖区内");
        input("/regionCode").clear();
        input("/regionCode").sendKeys("370602");
        input("/email").sendKeys("wang..qiang@example.com");
        browser.driver.findElement(By.id("submit")).click();
        browser.waitForText(By.cssSelector("[data-pointer='/email'] .field-error"), "请填写有效的电子邮箱");
        assertThat(gateway.get("/api/records/" + TYPE + "/370602199202023334", cadreKey).status())
                .as("nothing stored").isEqualTo(404);
        screenshot("workspace-7-the-platforms-problems", By.cssSelector("[data-pointer='/email']"));
    }

    private void fitsAPhoneAndEveryInputHasALabel() throws IOException {
        Object unlabelled = browser.driver.executeScript("return [...document.querySelectorAll('input, select')]"
                + ".filter((e) => e.type !== 'hidden' && (!e.labels || e.labels.length === 0)).map((e) => e.id)");
        assertThat((List<?>) unlabelled).isEmpty();
        browser.driver.manage().window().setSize(new Dimension(360, 780));
        try {
            Object overflow = browser.driver.executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
            assertThat(((Number) overflow).intValue()).as("sideways scrolling on a 360 px screen")
                    .isLessThanOrEqualTo(0);
            screenshot("workspace-8-phone", By.id("form-section"));
        }
        finally {
            browser.driver.manage().window().setSize(new Dimension(1280, 1600));
        }
    }

    private void aSpreadsheetIsDownloadedFilledUploadedAndItsRejectedRowsComeBack() throws Exception {
        browser.driver.findElement(By.id("template")).click();
        Path template = downloaded(TYPE + "-template.xlsx");
        Path upload = downloads.resolve(TYPE + "-upload.xlsx");
        fillIn(template, upload, List.of(
                Map.of("/idNumber", "370602199303033335", "/name", "赵敏", "/gender", "F", "/regionCode", "370602"),
                Map.of("/idNumber", "BAD", "/name", "钱进", "/gender", "M", "/regionCode", "370602")));

        browser.driver.findElement(By.id("upload-file")).sendKeys(upload.toString());
        browser.driver.findElement(By.cssSelector("#upload-form button[type=submit]")).click();
        new WebDriverWait(browser.driver, PATIENCE).until(driver -> "DONE".equals(
                driver.findElement(By.id("upload-state")).getAttribute("data-state")));
        WebElement bar = browser.driver.findElement(By.id("upload-bar"));
        assertThat(bar.getAttribute("value")).isEqualTo(bar.getAttribute("max"));
        assertThat(browser.text(By.id("upload-state"))).contains("接受 1 行，拒绝 1 行");
        screenshot("workspace-9-upload-done", By.id("sheets-section"));
        assertThat(gateway.get("/api/records/" + TYPE + "/370602199303033335", cadreKey).status()).isEqualTo(200);

        browser.driver.findElement(By.id("rejected")).click();
        try (InputStream in = Files.newInputStream(downloaded(TYPE + "-rejected.xlsx"));
                Workbook rejected = new XSSFWorkbook(in)) {
            Sheet rows = rejected.getSheetAt(0);
            Map<String, Integer> columns = columns(rows);
            int error = rows.getRow(0).getLastCellNum() - 1;
            assertThat(new DataFormatter().formatCellValue(rows.getRow(0).getCell(error))).contains("Error");
            assertThat(rows.getLastRowNum()).as("one rejected row after the header and path rows").isEqualTo(2);
            assertThat(text(rows.getRow(2), columns.get("/idNumber"))).isEqualTo("BAD");
            assertThat(text(rows.getRow(2), error)).containsAnyOf("idNumber", "身份证号码");
        }
    }

    /** The template's first sheet with one row per record, each value under the column of its JSON Pointer. */
    private static void fillIn(Path template, Path upload, List<Map<String, String>> records) throws IOException {
        try (InputStream in = Files.newInputStream(template); Workbook workbook = new XSSFWorkbook(in)) {
            Sheet sheet = workbook.getSheetAt(0);
            Map<String, Integer> columns = columns(sheet);
            assertThat(columns).containsKeys("/idNumber", "/name", "/gender", "/regionCode", "/address/line");
            int next = 2;
            for (Map<String, String> record : records) {
                Row row = sheet.createRow(next++);
                record.forEach((pointer, value) -> row.createCell(columns.get(pointer)).setCellValue(value));
            }
            try (OutputStream out = Files.newOutputStream(upload)) {
                workbook.write(out);
            }
        }
    }

    /** The hidden second row names each column's JSON Pointer. */
    private static Map<String, Integer> columns(Sheet sheet) {
        Map<String, Integer> columns = new HashMap<>();
        for (Cell cell : sheet.getRow(1)) {
            columns.put(new DataFormatter().formatCellValue(cell), cell.getColumnIndex());
        }
        return columns;
    }

    private static String text(Row row, int column) {
        return new DataFormatter().formatCellValue(row.getCell(column));
    }

    private Path downloaded(String name) throws InterruptedException {
        Path file = downloads.resolve(name);
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!(Files.isRegularFile(file) && !Files.exists(downloads.resolve(name + ".crdownload")))
                && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(200);
        }
        assertThat(file).as("downloaded by the page").isRegularFile();
        return file;
    }

    /** Keeps every request the page sends from here on in window.sent: method, headers and body. */
    private void recordRequests() {
        browser.driver.executeScript("""
                window.sent = [];
                const original = window.fetch.bind(window);
                window.fetch = (url, options = {}) => {
                  window.sent.push({ url: String(url), method: options.method || 'GET', headers: options.headers,
                    body: typeof options.body === 'string' ? options.body : null });
                  return original(url, options);
                };""");
    }

    /** The page scrolled to {@code around}, kept as target/screenshots/{@code name}.png. */
    private void screenshot(String name, By around) throws IOException {
        browser.driver.executeScript("arguments[0].scrollIntoView({block: 'start'})",
                browser.driver.findElement(around));
        browser.screenshot(name);
    }

    private JsonNode record() throws IOException, InterruptedException {
        GatewayClient.Reply current = gateway.get("/api/records/" + TYPE + "/" + KNOWN_ID, cadreKey);
        assertThat(current.status()).as(String.valueOf(current.body())).isEqualTo(200);
        return current.body();
    }

    private WebElement field(String pointer) {
        return browser.driver.findElement(By.cssSelector("[data-pointer='" + pointer + "']"));
    }

    private WebElement input(String pointer) {
        return field(pointer).findElement(By.cssSelector("input, select"));
    }

    private interface Condition {
        boolean holds() throws Exception;
    }

    private static void await(Condition condition, String what) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.holds()) {
            assertThat(System.nanoTime()).as("waited %s for %s", PATIENCE, what).isLessThan(deadline);
            TimeUnit.MILLISECONDS.sleep(500);
        }
    }
}
