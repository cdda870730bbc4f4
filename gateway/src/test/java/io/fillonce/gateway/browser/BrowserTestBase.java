package io.fillonce.gateway.browser;

import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;

import io.fillonce.gateway.GatewayTestBase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.test.annotation.DirtiesContext;

/**
 * A page of the gateway's in headless Chromium ({@link HeadlessChromium}): one browser per test class, a fresh tab per
 * test, waits that say on timeout what the page showed and what the browser's console said, the console read for
 * security-policy violations and errors, and screenshots kept in target/screenshots/. Each class has its own
 * context (its stub services), closed when the class is done.
 */
@ExtendWith(HeadlessChromium.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DirtiesContext
abstract class BrowserTestBase extends GatewayTestBase {

    final List<String> console = new ArrayList<>();
    ChromeDriver browser;
    WebDriverWait wait;
    private final String screenshotPrefix;

    /** @param screenshotPrefix how this class's screenshots' names begin ({@code fill-}, {@code ops-flows-}) */
    BrowserTestBase(String screenshotPrefix) {
        this.screenshotPrefix = screenshotPrefix;
    }

    /** Starts the browser, once the class's stubs and principals are in place. */
    void startBrowser() {
        browser = HeadlessChromium.start();
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    }

    @AfterAll
    void quitBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    /** Opens {@code path} in a new tab (an empty session storage: no key), the previous tab closed. */
    void openInFreshTab(String path) {
        console.clear();
        String previous = browser.getWindowHandle();
        browser.switchTo().newWindow(WindowType.TAB);
        String fresh = browser.getWindowHandle();
        browser.switchTo().window(previous).close();
        browser.switchTo().window(fresh);
        browser.get(base() + path);
    }

    /** Waits for {@code text} in the element; on timeout says what the browser's console said. */
    void waitForText(By element, String text) {
        waitFor(textToBePresentInElementLocated(element, text));
    }

    /** Waits for {@code condition}; on timeout says what the page showed and the browser's console said. */
    void waitFor(ExpectedCondition<?> condition) {
        try {
            wait.until(condition);
        }
        catch (TimeoutException e) {
            readConsole();
            String page = browser.findElement(By.tagName("body")).getText();
            throw new AssertionError(e.getMessage() + "\npage:\n" + page.substring(0, Math.min(page.length(), 3000))
                    + "\nbrowser console:\n" + String.join("\n", console), e);
        }
    }

    /** The element's text with each run of white space as one space. */
    String text(String id) {
        return text(By.id(id));
    }

    String text(By element) {
        return browser.findElement(element).getText().replaceAll("\\s+", " ");
    }

    List<String> policyViolations() {
        readConsole();
        return console.stream().filter(message -> message.contains("Content Security Policy")).toList();
    }

    /** Errors in the console, but for those mentioning {@code expected} (a 404 the page is meant to meet). */
    List<String> consoleErrorsBut(String expected) {
        readConsole();
        return console.stream().filter(message -> message.startsWith(Level.SEVERE + " "))
                .filter(message -> !message.contains(expected)).toList();
    }

    void readConsole() {
        browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(entry -> entry.getLevel() + " " + entry.getMessage()).forEach(console::add);
    }

    /** The browser's viewport as target/screenshots/{prefix}{name}.png, kept as the build's artifact. */
    void screenshot(String name) {
        Path file = Path.of("target", "screenshots", screenshotPrefix + name + ".png");
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, browser.getScreenshotAs(OutputType.BYTES));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String base() {
        return "http://127.0.0.1:" + port;
    }
}
