package dev.subtitles.downloader.bench;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;

import com.github.tomakehurst.wiremock.WireMockServer;

import dev.subtitles.common.event.EventType;
import dev.subtitles.common.event.JobEvent;
import dev.subtitles.common.event.payload.DownloadRequested;
import dev.subtitles.common.event.payload.VideoRef;
import dev.subtitles.downloader.support.EventProbe;
import dev.subtitles.downloader.support.OpenSubtitlesStub;
import dev.subtitles.downloader.support.TestLibrary;

/**
 * One benchmark measurement: publishes jobs, waits for all results, prints jobs per second. A second instance is
 * the packaged application ({@code target/quarkus-app/quarkus-run.jar}) started as its own process with the test
 * profile's names, so both compete on the same queue.
 */
final class BenchmarkRun {

    static final long PROVIDER_LATENCY_MS = 200;
    private static final Path RUNNER = Path.of("target", "quarkus-app", "quarkus-run.jar");

    private BenchmarkRun() {
    }

    /** Makes every search of the stub answer one Spanish subtitle after 200 ms. */
    static void stubSlowProvider(WireMockServer wireMock) {
        wireMock.stubFor(get(urlPathEqualTo("/api/v1/subtitles")).atPriority(1)
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withFixedDelay(
                        (int) PROVIDER_LATENCY_MS)
                        .withBody(OpenSubtitlesStub.searchResult(900, "es", TestLibrary.SPANISH_ONLY, 2019, 10, false))));
        wireMock.stubFor(post(urlEqualTo("/api/v1/download")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json")
                .withBody(OpenSubtitlesStub.downloadLink(wireMock.baseUrl() + "/files/900.srt"))));
        wireMock.stubFor(get(urlEqualTo("/files/900.srt")).willReturn(aResponse()
                .withBody("1\n00:00:01,000 --> 00:00:02,000\nUna línea de prueba.\n")));
    }

    /**
     * Runs {@code jobs} jobs and returns jobs per second, from the first publish to the last result.
     *
     * @param instances how many instances are consuming (for the printout)
     */
    static double measure(String label, int jobs, int instances) throws Exception {
        try (EventProbe probe = new EventProbe()) {
            List<JobEvent<DownloadRequested>> requests = new ArrayList<>();
            for (int i = 0; i < jobs; i++) {
                requests.add(EventProbe.request(
                        new VideoRef(TestLibrary.SPANISH_ONLY, 2019, null, null, null, null, null, null), "es"));
            }
            long start = System.nanoTime();
            requests.forEach(probe::publish);
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(50))
                    .until(() -> requests.stream().allMatch(r -> probe.typesOf(r.jobId())
                            .contains(EventType.SUBTITLE_READY)));
            double seconds = (System.nanoTime() - start) / 1e9;
            double rate = jobs / seconds;
            long byFirst = requests.stream().filter(r -> probe.eventsOf(r.jobId()).stream()
                    .anyMatch(e -> e.source().toString().endsWith("/bench-1"))).count();
            System.out.printf("BENCHMARK %-38s instances=%d jobs=%d time=%.2fs throughput=%.1f jobs/s"
                    + " (instance bench-1 did %d)%n", label, instances, jobs, seconds, rate, byFirst);
            return rate;
        }
    }

    /** Measures at one instance, then starts a second one, warms it up and measures again. */
    static List<Double> oneThenTwoInstances(String label, int jobs, String providers) throws Exception {
        measure(label + " (warm-up)", jobs / 4, 1);
        double one = measure(label, jobs, 1);
        Process second = startSecondInstance(sharedConfig(providers));
        try {
            measure(label + " (warm-up)", jobs / 2, 2);
            double two = measure(label, jobs, 2);
            return List.of(one, two);
        } finally {
            second.destroy();
            second.waitFor();
        }
    }

    private static Process startSecondInstance(Map<String, String> overrides) throws IOException {
        assertThat(RUNNER).as("package the module first (see README: Benchmark)").exists();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.profile=test", "-Dquarkus.http.port=0", "-Ddownloader.instance=bench-2",
                "-Dquarkus.log.category.\"dev.subtitles\".level=WARN"));
        overrides.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(RUNNER.toString());
        File log = Files.createTempFile("downloader-bench-2", ".log").toFile();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
        await().atMost(Duration.ofSeconds(90)).until(() -> Files.readString(log.toPath()).contains("started in"));
        return process;
    }

    /** The settings the second instance needs to behave like this one. */
    private static Map<String, String> sharedConfig(String providers) {
        var config = ConfigProvider.getConfig();
        return Map.of("downloader.providers", providers,
                "downloader.library.path", config.getValue("downloader.library.path", String.class),
                "downloader.opensubtitles.url", config.getValue("downloader.opensubtitles.url", String.class),
                "downloader.opensubtitles.api-key", config.getValue("downloader.opensubtitles.api-key", String.class));
    }
}
