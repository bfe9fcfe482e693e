package dev.subtitles.e2e.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium, headless, driven through Debian's chromedriver, on a profile and a download folder of its own
 * that {@link #close()} deletes. The flags keep it off the network it would otherwise try to reach (updates, sync,
 * QUIC probes): this machine has none, and the refused connections only cost CPU.
 */
final class ConsoleBrowser implements AutoCloseable {

    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    /** The longest any single page step may take (a job ends within seconds; the slowest, translation, in ~20 s). */
    static final Duration STEP = Duration.ofSeconds(90);

    private final Path profile;
    private final Path downloads;
    private final ChromeDriver driver;
    private final URI base;

    private ConsoleBrowser(Path profile, Path downloads, ChromeDriver driver, URI base) {
        this.profile = profile;
        this.downloads = downloads;
        this.driver = driver;
        this.base = base;
    }

    /** A new browser on a new profile, with pages resolved against the manager at {@code base}. */
    static ConsoleBrowser open(URI base) throws IOException {
        Path profile = Files.createTempDirectory("console-chromium-profile");
        Path downloads = Files.createTempDirectory("console-chromium-downloads");
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM).addArguments("--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile,
                "--window-size=1280,900");
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(CHROMEDRIVER).toFile()).usingAnyFreePort().build();
        try {
            return new ConsoleBrowser(profile, downloads, new ChromeDriver(service, options), base);
        } catch (RuntimeException e) {
            delete(profile);
            delete(downloads);
            throw e;
        }
    }

    ChromeDriver driver() {
        return driver;
    }

    Path downloads() {
        return downloads;
    }

    void visit(String path) {
        driver.get(base.resolve(path).toString());
    }

    WebElement find(String id) {
        return driver.findElement(By.id(id));
    }

    WebDriverWait waiting() {
        return new WebDriverWait(driver, STEP, Duration.ofMillis(100));
    }

    /** The id of the element that has the keyboard focus. */
    String focusedId() {
        return String.valueOf(driver.executeScript("return document.activeElement.id"));
    }

    /** Whether the focused element shows a focus ring. */
    boolean focusIsVisible() {
        Object visible = driver.executeScript(
                "const style = getComputedStyle(document.activeElement);"
                        + "return style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;");
        return Boolean.TRUE.equals(visible);
    }

    /**
     * Every form control, button, link and disclosure that has no accessible name: form controls need a
     * {@code <label>}; the others their own text or an ARIA label.
     */
    @SuppressWarnings("unchecked")
    List<String> unlabelledControls() {
        return (List<String>) driver.executeScript("""
                const missing = [];
                document.querySelectorAll('input, select, textarea').forEach(control => {
                  const label = Array.from(control.labels || []).map(l => l.textContent.trim()).join(' ');
                  if (!label) { missing.push(control.outerHTML.slice(0, 120)); }
                });
                document.querySelectorAll('button, a[href], summary').forEach(control => {
                  const name = control.getAttribute('aria-label') || control.textContent;
                  if (!name || !name.trim()) { missing.push(control.outerHTML.slice(0, 120)); }
                });
                return missing;
                """);
    }

    /** A PNG of what the window shows now. */
    void screenshot(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            delete(profile);
            delete(downloads);
        }
    }

    private static void delete(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
