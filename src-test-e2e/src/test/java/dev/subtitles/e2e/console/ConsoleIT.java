package dev.subtitles.e2e.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;

import dev.subtitles.common.format.Cue;
import dev.subtitles.common.format.SubtitleFormat;
import dev.subtitles.common.format.SubtitleParser;
import dev.subtitles.common.testing.TcpProxy;
import dev.subtitles.e2e.IsolatedStack;
import io.restassured.http.ContentType;

/**
 * The web console in a real browser (headless Chromium), over the four packaged services: what a person does on its
 * pages, and that the pages show what the job API says.
 */
class ConsoleIT extends BrowserTest {

    private static final Path LIBRARY = Path.of(System.getProperty("e2e.root", ".."))
            .resolve("downloader/src/main/resources/library");
    private static final Set<String> TERMINAL = Set.of("DONE", "FAILED", "CANCELLED");
    /** Form controls in the order the Tab key reaches them. */
    private static final List<String> FORM_ORDER = List.of("video-title", "video-year", "video-imdb", "video-season",
            "video-episode", "job-language", "job-format", "job-providers", "job-hearing-impaired", "submit-button");

    private static SlowProviderStub provider;
    private static IsolatedStack stack;
    private static URI manager;

    @BeforeAll
    static void startStack() throws Exception {
        provider = SlowProviderStub.start();
        stack = IsolatedStack.start(Map.of("downloader", Map.of(
                "DOWNLOADER_PROVIDERS", "library,opensubtitles",
                "OPENSUBTITLES_API_KEY", "console-test",
                "DOWNLOADER_OPENSUBTITLES_URL", provider.url().toString(),
                "DOWNLOADER_OPENSUBTITLES_TIMEOUT", "150S",
                // every slow search held at the stub: a cached "nothing found" would answer a test's second one
                "DOWNLOADER_SEARCH_CACHE_ENABLED", "false",
                // one message per consumer: the held search blocks its own job, not jobs prefetched behind it
                "DOWNLOADER_PREFETCH", "1")));
        manager = stack.stack().service("manager").baseUri();
    }

    @AfterAll
    static void stopStack() throws Exception {
        if (provider != null) {
            provider.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Override
    protected URI console() {
        return manager;
    }

    @Test
    void jobSubmittedThroughTheFormReachesDoneOnItsPageWithoutAReload() {
        browser.visit("/");
        browser.find("video-title").sendKeys("The Lighthouse Clock");
        browser.find("video-year").sendKeys("2011");
        browser.find("job-language").sendKeys("es");
        browser.find("submit-button").click();

        browser.waiting().until(ExpectedConditions.urlContains("/console/jobs/"));
        browser.driver().executeScript("window.consoleTestMarker = 'still the same page';");
        awaitPhase("DONE");
        awaitTimelineComplete();

        assertThat(browser.driver().executeScript("return window.consoleTestMarker")).isEqualTo("still the same page");
        assertThat(timelineTypes()).containsExactly("subtitle.download.requested", "subtitle.download.started",
                "subtitle.ready");
        assertThat(timelineSeqs()).containsExactly("1", "2", "3");
        assertThat(browser.find("job-outcome").getText()).startsWith("Done: found in Spanish (es)");
    }

    @Test
    void eachTimelineEventOpensToItsJson() {
        UUID job = submit("The Lighthouse Clock", 2011, "es");
        openJob(job);
        awaitPhase("DONE");
        awaitTimelineComplete();

        WebElement ready = browser.driver().findElement(By.cssSelector("#timeline li[data-type='subtitle.ready']"));
        WebElement json = ready.findElement(By.cssSelector("pre.event-json"));
        assertThat(json.isDisplayed()).isFalse();
        ready.findElement(By.tagName("summary")).click();

        browser.waiting().until(ExpectedConditions.visibilityOf(json));
        assertThat(json.getText()).contains("\"type\": \"subtitle.ready\"", "\"jobId\": \"" + job + "\"",
                "\"provider\": \"library\"");
    }

    @Test
    void translatedJobShowsItsFirstCuesBesideTheEnglishTheyWereTranslatedFrom() throws IOException {
        UUID job = submit("Paper Boats", 2015, "es");
        openJob(job);
        awaitPhase("DONE");

        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#preview-body tr")));
        List<String> headings = browser.driver().findElements(By.cssSelector("#preview-head th")).stream()
                .map(WebElement::getText).toList();
        assertThat(headings).containsExactly("Time", "Spanish (es)", "Source: English (en)");
        List<WebElement> rows = browser.driver().findElements(By.cssSelector("#preview-body tr"));
        List<Cue> english = new SubtitleParser().parse(
                Files.readString(LIBRARY.resolve("Paper Boats (2015).en.srt"), StandardCharsets.UTF_8),
                SubtitleFormat.SRT).cues();
        assertThat(rows).hasSize(Math.min(10, english.size()));
        WebElement first = rows.get(0);
        String source = first.findElement(By.className("cue-source")).getText();
        assertThat(source).isEqualTo(String.join("\n", english.get(0).lines()));
        assertThat(first.findElement(By.className("cue-text")).getText()).isNotBlank().isNotEqualTo(source);
        assertThat(first.findElement(By.className("cue-time")).getText()).isEqualTo("00:00:00.500 → 00:00:02.900");
        assertThat(browser.find("job-outcome").getText()).contains("machine-translated into Spanish (es)");
    }

    @Test
    void doneJobsFileDownloadsAsSrtAndAsWebVtt() throws IOException {
        UUID job = submit("The Lighthouse Clock", 2011, "es");
        openJob(job);
        awaitPhase("DONE");

        browser.waiting().until(ExpectedConditions.elementToBeClickable(By.id("download-srt"))).click();
        Path srt = awaitDownload(".srt");
        assertThat(srt.getFileName().toString()).isEqualTo("the-lighthouse-clock.2011.es.srt");
        assertThat(Files.readString(srt)).contains(" --> ");

        browser.find("download-vtt").click();
        Path vtt = awaitDownload(".vtt");
        assertThat(Files.readString(vtt)).startsWith("WEBVTT");
    }

    @Test
    void runningJobIsCancelledFromItsPage() {
        UUID job = submit("A Slow Film", 2020, "es");
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> provider.held() > 0);
            openJob(job);
            awaitPhase("DOWNLOAD_IN_PROGRESS");
            browser.waiting().until(ExpectedConditions.elementToBeClickable(By.id("cancel-job"))).click();

            awaitPhase("CANCELLED");
        } finally {
            provider.release();
        }
        browser.waiting().until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#timeline li[data-type='job.cancelled']")));
        assertThat(browser.find("job-outcome").getText()).startsWith("Cancelled");
        assertThat(browser.find("cancel-job").isDisplayed()).isFalse();
        assertThat(browser.find("download-srt").isDisplayed()).isFalse();
        assertThat(phaseFromApi(job)).isEqualTo("CANCELLED");
    }

    @Test
    void theTimelineCatchesUpAfterTheConnectionDropsWithoutGapsOrRepeats() throws Exception {
        UUID job = submit("A Slow Film", 2020, "es");
        try (TcpProxy link = new TcpProxy(manager.getHost(), manager.getPort())) {
            browser.close();
            browser = ConsoleBrowser.open(URI.create("http://127.0.0.1:" + link.port()));
            await().atMost(Duration.ofSeconds(60)).until(() -> provider.held() > 0);
            openJob(job);
            awaitPhase("DOWNLOAD_IN_PROGRESS");
            List<String> before = timelineSeqs();

            link.cut();
            provider.release();
            await().atMost(Duration.ofSeconds(60)).until(() -> TERMINAL.contains(phaseFromApi(job)));
            browser.waiting().withMessage("the page noticing the lost connection").until(ExpectedConditions
                    .textToBePresentInElementLocated(By.id("live-status"), "reconnecting"));
            link.restore();

            awaitTimelineComplete();
            int recorded = given().baseUri(manager.toString()).get("/jobs/{id}/events", job).then().statusCode(200)
                    .extract().path("eventCount");
            List<String> expected = IntStream.rangeClosed(1, recorded).mapToObj(Integer::toString).toList();
            assertThat(timelineSeqs()).as("events before the cut %s", before).containsExactlyElementsOf(expected);
            assertThat(recorded).isGreaterThan(before.size());
        } finally {
            provider.release();
        }
    }

    @Test
    void everyPageFitsAPhoneScreenWithoutScrollingSideways() {
        UUID job = submit("The Lighthouse Clock", 2011, "es");
        browser.driver().manage().window().setSize(new Dimension(390, 844));

        browser.visit("/console");
        browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#jobs-body tr")));
        assertNoSidewaysScrolling("jobs page");
        openJob(job);
        awaitPhase("DONE");
        awaitTimelineComplete();
        assertNoSidewaysScrolling("job page");
        browser.visit("/admin/operations");
        browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#queues-body tr")));
        assertNoSidewaysScrolling("operations page");
    }

    @Test
    void validationErrorsFromTheApiShowNextToTheirFields() {
        browser.visit("/console");
        browser.find("video-imdb").sendKeys("12345");
        browser.find("job-language").sendKeys("es");
        browser.find("submit-button").click();

        WebElement imdbError = browser.waiting()
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("video-imdb-error")));
        assertThat(imdbError.getText()).isEqualTo("must look like tt0133093");
        assertThat(browser.find("video-title-error").getText()).isEqualTo("must not be blank");
        assertThat(browser.find("video-imdb").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.find("job-language-error").isDisplayed()).isFalse();
        assertThat(browser.find("submit-error").getText()).contains("correct the fields");
        assertThat(browser.driver().getCurrentUrl()).endsWith("/console");
    }

    @Test
    void formIsFilledAndSubmittedWithTheKeyboardAlone() {
        browser.visit("/console");
        Actions keyboard = new Actions(browser.driver());
        for (int presses = 0; presses < 10 && !"video-title".equals(browser.focusedId()); presses++) {
            keyboard.sendKeys(Keys.TAB).perform();
        }
        assertThat(browser.focusedId()).isEqualTo("video-title");
        assertThat(browser.focusIsVisible()).as("focus ring on the title").isTrue();

        List<String> reached = new ArrayList<>(List.of(browser.focusedId()));
        for (int i = 1; i < FORM_ORDER.size(); i++) {
            keyboard.sendKeys(Keys.TAB).perform();
            reached.add(browser.focusedId());
            assertThat(browser.focusIsVisible()).as("focus ring on %s", browser.focusedId()).isTrue();
        }
        assertThat(reached).containsExactlyElementsOf(FORM_ORDER);

        keyboard.keyDown(Keys.SHIFT);
        for (int i = 0; i < FORM_ORDER.size() - 1; i++) {
            keyboard.sendKeys(Keys.TAB);
        }
        keyboard.keyUp(Keys.SHIFT).sendKeys("The Lighthouse Clock").perform();
        for (int i = 0; i < FORM_ORDER.indexOf("job-language"); i++) {
            keyboard.sendKeys(Keys.TAB);
        }
        keyboard.sendKeys("es").sendKeys(Keys.ENTER).perform();

        browser.waiting().until(ExpectedConditions.urlContains("/console/jobs/"));
        awaitPhase("DONE");
        assertThat(browser.find("job-heading").getText()).isEqualTo("The Lighthouse Clock");
    }

    @Test
    void everyControlOnThePagesHasALabel() {
        UUID job = submit("Paper Boats", 2015, "es");
        browser.visit("/console");
        browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#jobs-body tr")));
        assertThat(browser.unlabelledControls()).as("controls without a label on the jobs page").isEmpty();

        openJob(job);
        awaitPhase("DONE");
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#preview-body tr")));
        assertThat(browser.unlabelledControls()).as("controls without a label on the job page").isEmpty();
    }

    @Test
    void jobsPageListsNewestFirstWithCountsAndFilters() throws IOException {
        List<UUID> jobs = List.of(submit("The Lighthouse Clock", 2011, "es"), submit("Paper Boats", 2015, "es"),
                submit("A Film Nobody Subtitled", 1999, "fi"));
        await().atMost(ConsoleBrowser.STEP).until(() -> jobs.stream().allMatch(j -> TERMINAL.contains(phaseFromApi(j))));

        browser.visit("/console");
        browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#phase-counts li")));
        browser.waiting().until(driver -> listedJobIds().size() >= 3);
        List<String> listed = listedJobIds();
        assertThat(listed.subList(0, 3)).containsExactly(jobs.get(2).toString(), jobs.get(1).toString(),
                jobs.get(0).toString());
        assertThat(Integer.parseInt(browser.driver()
                .findElement(By.cssSelector("#phase-counts li[data-phase='FAILED'] .count")).getText()))
                .isGreaterThanOrEqualTo(1);
        browser.screenshot(Path.of("target", "console-screenshot.png"));

        browser.find("filter-text").sendKeys("nobody subtitled");
        browser.find("filter-phase").sendKeys("Failed");
        browser.find("filter-button").click();
        browser.waiting().until(driver -> listedJobIds().equals(List.of(jobs.get(2).toString())));
        assertThat(browser.driver().findElement(By.cssSelector("#jobs-body tr .phase")).getText()).isEqualTo("Failed");
    }

    /**
     * The job ids the list shows, read in one script: the page replaces the rows when a page of jobs arrives, so rows
     * read one by one can go stale between two reads.
     */
    @SuppressWarnings("unchecked")
    private List<String> listedJobIds() {
        return (List<String>) browser.driver().executeScript(
                "return Array.from(document.querySelectorAll('#jobs-body tr')).map(row => row.dataset.jobId);");
    }

    /** Wide tables scroll inside their own box; the page itself must not be wider than the window. */
    private void assertNoSidewaysScrolling(String page) {
        Object overflow = browser.driver().executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertThat(((Number) overflow).intValue()).as("pixels the %s is wider than a phone screen", page)
                .isLessThanOrEqualTo(0);
    }

    private void openJob(UUID job) {
        browser.visit("/console/jobs/" + job);
    }

    /**
     * Waits for the live stream's end, which follows the job's last event. The phase alone does not say the timeline
     * is whole: the page reads the phase from {@code GET /jobs/{id}}, which can show the job's end a moment before the
     * stream delivers its last event.
     */
    private void awaitTimelineComplete() {
        browser.waiting().withMessage("the live timeline complete")
                .until(ExpectedConditions.attributeToBe(By.id("live-status"), "data-state", "complete"));
    }

    private void awaitPhase(String phase) {
        browser.waiting().withMessage("job page showing phase " + phase)
                .until(ExpectedConditions.attributeToBe(By.id("job-phase"), "data-phase", phase));
    }

    private List<String> timelineTypes() {
        return browser.driver().findElements(By.cssSelector("#timeline li")).stream()
                .map(item -> item.getAttribute("data-type")).toList();
    }

    private List<String> timelineSeqs() {
        return browser.driver().findElements(By.cssSelector("#timeline li")).stream()
                .map(item -> item.getAttribute("data-seq")).toList();
    }

    private Path awaitDownload(String extension) throws IOException {
        await().atMost(Duration.ofSeconds(30)).until(() -> downloaded(extension).isPresent());
        return downloaded(extension).orElseThrow();
    }

    private Optional<Path> downloaded(String extension) throws IOException {
        try (Stream<Path> files = Files.list(browser.downloads())) {
            return files.filter(file -> file.getFileName().toString().endsWith(extension)).findFirst();
        }
    }

    private static UUID submit(String title, int year, String language) {
        String id = given().baseUri(manager.toString()).contentType(ContentType.JSON)
                .body(Map.of("video", Map.of("title", title, "year", year), "language", language))
                .post("/jobs")
                .then().statusCode(202)
                .extract().path("id");
        return UUID.fromString(id);
    }

    private static String phaseFromApi(UUID job) {
        return given().baseUri(manager.toString()).get("/jobs/{id}", job).then().statusCode(200).extract()
                .path("phase");
    }
}
