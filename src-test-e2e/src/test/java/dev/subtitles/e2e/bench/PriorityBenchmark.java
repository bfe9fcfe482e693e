package dev.subtitles.e2e.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

import dev.subtitles.e2e.IsolatedStack;
import dev.subtitles.e2e.chaos.JobKind;
import dev.subtitles.e2e.chaos.ManagerClient;

/**
 * How long a high job waits behind a backlog of normal ones (issue 21: under a backlog of 2,000 normal jobs a high job
 * waits less than 1 s to start). The four packaged services on names and a database of their own
 * ({@link IsolatedStack}); {@code bench.warmup} (1,000) library hits first, 100 in flight; then {@code bench.backlog}
 * (2,000) normal library hits submitted at once as batches of {@code bench.batch} (500); then {@code bench.high} (10)
 * high library hits, one every {@code bench.spacing.ms} (500), and beside the first a normal and a low one for
 * comparison. Prints for each the wait from its submission to its {@code subtitle.download.started} and to its terminal
 * event, the normal requests ready on the downloader's queue when it was submitted and the backlog's jobs not yet
 * started when it started; writes the same to {@code target/bench/priority-<timestamp>.txt}. Fails if a job does not
 * end; never on speed.
 * <p>
 * Not part of any default build; run with {@code ./mvnw -B verify -Djacoco.skip=true -Dtest=none
 * -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false -Dit.test=PriorityBenchmark
 * -Dbench=true}.
 */
@Tag("benchmark")
@EnabledIfSystemProperty(named = "bench", matches = "true")
class PriorityBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration BOUND = Duration.ofSeconds(180);
    private static final Duration SETTLE = Duration.ofSeconds(3);

    private final int warmup = Integer.getInteger("bench.warmup", 1_000);
    private final int backlogSize = Integer.getInteger("bench.backlog", 2_000);
    private final int batchSize = Integer.getInteger("bench.batch", 500);
    private final int highJobs = Integer.getInteger("bench.high", 10);
    private final Duration spacing = Duration.ofMillis(Long.getLong("bench.spacing.ms", 500));

    @Test
    void highJobsStartAheadOfTheNormalBacklog() throws Exception {
        LocalDateTime started = LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS);
        try (IsolatedStack run = IsolatedStack.start(
                Map.of("manager", Map.of("MANAGER_BATCHES_MAX_JOBS", Integer.toString(batchSize))));
                Connection broker = new ConnectionFactory().newConnection("e2e-priority-benchmark")) {
            TerminalEvents ends = new TerminalEvents();
            DownloadStarts starts = new DownloadStarts();
            run.tap().listen(ends);
            run.tap().listen(starts);
            ManagerClient manager = new ManagerClient(() -> run.stack().service("manager").baseUri());
            Channel channel = broker.createChannel();
            String normalQueue = run.names().queue("downloader");

            List<Submission> warmedUp = new ClosedLoop(new JobSubmitter(manager, BenchMode.HIT), ends, 100, BOUND)
                    .offer(warmup);
            awaitEnds(warmedUp.stream().flatMap(submission -> submission.job().stream()).toList(), ends);
            Thread.sleep(SETTLE.toMillis());

            long backlogSent = System.nanoTime();
            List<UUID> backlog = submitBacklog(manager);
            long backlogAccepted = System.nanoTime();
            List<Probe> probes = new ArrayList<>();
            for (int n = 0; n < highJobs; n++) {
                sleepUntil(backlogAccepted + spacing.toNanos() * n);
                probes.add(submit(manager, channel, normalQueue, "high", n));
                if (n == 0) {
                    probes.add(submit(manager, channel, normalQueue, "normal", n));
                    probes.add(submit(manager, channel, normalQueue, "low", n));
                }
            }
            List<UUID> all = new ArrayList<>(backlog);
            probes.forEach(probe -> all.add(probe.job()));
            awaitEnds(all, ends);

            String text = report(started, backlog, backlogSent, backlogAccepted, probes, starts, ends);
            System.out.println(text);
            Path file = write(started, text);
            System.out.println("written to " + file.toAbsolutePath());

            assertThat(backlog).as("backlog jobs without a terminal event")
                    .allSatisfy(job -> assertThat(ends.firstEnd(job)).isPresent());
            assertThat(probes).as("probe jobs without a start and a terminal event").allSatisfy(probe -> {
                assertThat(starts.of(probe.job())).isPresent();
                assertThat(ends.firstEnd(probe.job())).isPresent();
            });
        }
    }

    /** Submits the backlog as batches of library hits and returns their jobs. */
    private List<UUID> submitBacklog(ManagerClient manager) throws IOException {
        List<UUID> jobs = new ArrayList<>(backlogSize);
        for (int from = 0; from < backlogSize; from += batchSize) {
            int size = Math.min(batchSize, backlogSize - from);
            String videos = IntStream.range(0, size).mapToObj(n -> "{\"title\":\"The Lighthouse Clock\",\"year\":2011}")
                    .collect(Collectors.joining(","));
            HttpResponse<String> answer = manager.send(manager.request("/batches")
                    .header("Content-Type", "application/json").timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"videos\":[" + videos + "],\"language\":\"es\"}")));
            if (answer.statusCode() != 202) {
                throw new IllegalStateException("a backlog batch was refused: " + answer.statusCode() + " "
                        + answer.body());
            }
            JSON.readTree(answer.body()).path("jobs").forEach(job -> jobs.add(UUID.fromString(job.path("id").asText())));
        }
        return jobs;
    }

    private static Probe submit(ManagerClient manager, Channel channel, String normalQueue, String priority, int n)
            throws IOException {
        long ready = channel.messageCount(normalQueue);
        String body = JobKind.FOUND.body(n).replaceFirst("}$", ",\"priority\":\"" + priority + "\"}");
        long sent = System.nanoTime();
        Optional<UUID> job = manager.submit(body, null);
        return new Probe(priority, job.orElseThrow(() -> new IllegalStateException("a " + priority
                + " job was refused")), sent, ready);
    }

    private static void awaitEnds(List<UUID> jobs, TerminalEvents ends) throws InterruptedException {
        ends.awaitEnds(jobs, System.nanoTime() + BOUND.toNanos());
    }

    private static void sleepUntil(long nanos) throws InterruptedException {
        long wait = nanos - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }

    private String report(LocalDateTime started, List<UUID> backlog, long backlogSent, long backlogAccepted,
            List<Probe> probes, DownloadStarts starts, TerminalEvents ends) {
        StringBuilder text = new StringBuilder();
        text.append(String.format("Priority benchmark %s: %,d warm-up jobs, backlog of %,d normal jobs in batches of"
                + " %d (accepted in %.0f ms), %d high jobs every %d ms%n", started, warmup, backlog.size(), batchSize,
                millis(backlogAccepted - backlogSent), highJobs, spacing.toMillis()));
        List<Long> backlogStarts = backlog.stream().flatMap(job -> starts.of(job).stream()).sorted().toList();
        if (!backlogStarts.isEmpty()) {
            text.append(String.format("backlog: first start %.0f ms, last start %.0f ms after it was accepted%n",
                    millis(backlogStarts.get(0) - backlogAccepted),
                    millis(backlogStarts.get(backlogStarts.size() - 1) - backlogAccepted)));
        }
        text.append(String.format("%-8s %10s %14s %14s %18s %22s%n", "priority", "sent at ms", "to start ms",
                "to terminal ms", "normal ready sent", "backlog not started"));
        List<Long> highWaits = new ArrayList<>();
        for (Probe probe : probes) {
            Optional<Long> start = starts.of(probe.job());
            Optional<TerminalEvents.End> end = ends.firstEnd(probe.job());
            start.filter(ignored -> probe.priority().equals("high")).ifPresent(at -> highWaits.add(at - probe.sent()));
            text.append(String.format("%-8s %10.0f %14s %14s %18d %22s%n", probe.priority(),
                    millis(probe.sent() - backlogAccepted),
                    start.map(at -> String.format("%.1f", millis(at - probe.sent()))).orElse("-"),
                    end.map(at -> String.format("%.1f", millis(at.nanos() - probe.sent()))).orElse("-"),
                    probe.normalReady(),
                    start.map(at -> Long.toString(starts.notStartedBy(backlog, at))).orElse("-")));
        }
        Latencies waits = Latencies.ofNanos(highWaits);
        text.append(String.format("high jobs, submission to download.started: p50 %.1f ms, max %.1f ms (%d jobs)%n",
                waits.p50(), waits.max(), waits.count()));
        return text.toString();
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }

    private static Path write(LocalDateTime started, String text) throws IOException {
        Path directory = Path.of("target", "bench");
        Files.createDirectories(directory);
        Path file = directory.resolve("priority-" + started.format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
                + ".txt");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    /**
     * One job submitted during the backlog.
     *
     * @param sent when {@code POST /jobs} was sent
     * @param normalReady the normal requests ready on the downloader's queue just before
     */
    private record Probe(String priority, UUID job, long sent, long normalReady) {
    }
}
