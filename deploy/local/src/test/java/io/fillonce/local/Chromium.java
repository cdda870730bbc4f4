package io.fillonce.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's chromium and chromium-driver, headless, for looking at the running stack's pages as an operator would.
 * Without them the calling test is skipped, except in CI ({@code CI=true}), where it fails: CI installs them.
 */
final class Chromium implements AutoCloseable {

    private static final Path BROWSER = Path.of(env("CHROMIUM_BIN", "/usr/bin/chromium"));
    private static final Path DRIVER = Path.of(env("CHROMEDRIVER", "/usr/bin/chromedriver"));

    final ChromeDriver driver;
    private final WebDriverWait wait;

    private Chromium() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--window-size=1280,1600");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().withTimeout(Duration.ofSeconds(60)).build();
        driver = new ChromeDriver(service, options);
        wait = new WebDriverWait(driver, Duration.ofSeconds(30));
    }

    /** A browser, or the test is skipped (outside CI) when this machine has none. */
    static Chromium open() {
        boolean present = Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER);
        if (!present) {
            assertThat(System.getenv("CI")).as("CI must install chromium and chromium-driver (.ci/run does)")
                    .isNotEqualToIgnoringCase("true");
        }
        Assumptions.assumeTrue(present, "needs " + BROWSER + " and " + DRIVER
                + " (apt-get install chromium chromium-driver)");
        return new Chromium();
    }

    /** Waits until the element shows {@code text}; on timeout says what the page showed instead. */
    void waitForText(By element, String text) {
        try {
            wait.until(ExpectedConditions.textToBePresentInElementLocated(element, text));
        }
        catch (TimeoutException e) {
            throw new AssertionError("waited for '" + text + "' in " + element + "; the page shows:\n"
                    + driver.findElement(By.tagName("body")).getText(), e);
        }
    }

    /** Waits until an element matching {@code selector} exists, for up to {@code patience}. */
    void waitFor(String selector, Duration patience) {
        try {
            new WebDriverWait(driver, patience).until(
                    ExpectedConditions.presenceOfElementLocated(By.cssSelector(selector)));
        }
        catch (TimeoutException e) {
            throw new AssertionError("waited " + patience + " for " + selector + "; the page shows:\n"
                    + driver.findElement(By.tagName("body")).getText(), e);
        }
    }

    /** Keeps what the page shows now as target/screenshots/{@code name}.png, a test artifact. */
    void screenshot(String name) throws IOException {
        Path folder = Path.of("target/screenshots");
        Files.createDirectories(folder);
        Files.write(folder.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
    }

    /** The element's text with its white space collapsed (table cells become single spaces). */
    String text(By element) {
        return driver.findElement(element).getText().replaceAll("\\s+", " ");
    }

    @Override
    public void close() {
        driver.quit();
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
