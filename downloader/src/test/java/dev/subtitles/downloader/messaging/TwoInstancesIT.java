package dev.subtitles.downloader.messaging;

import static dev.subtitles.common.event.EventType.DOWNLOAD_STARTED;
import static dev.subtitles.common.event.EventType.JOB_FAILED;
import static dev.subtitles.common.event.EventType.SUBTITLE_READY;
import static dev.subtitles.common.event.EventType.TRANSLATE_REQUESTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.rabbitmq.client.Channel;

import dev.subtitles.common.event.EventType;
import dev.subtitles.common.event.JobEvent;
import dev.subtitles.common.event.payload.DownloadRequested;
import dev.subtitles.common.event.payload.VideoRef;
import dev.subtitles.downloader.support.DownloaderProcess;
import dev.subtitles.downloader.support.EventProbe;
import dev.subtitles.downloader.support.IsolatedRun;
import dev.subtitles.downloader.support.TestLibrary;

/**
 * Two packaged downloaders, each its own process, compete on one queue while requests arrive more than once (the
 * same event id published again, as an outbox relay can) and a third consumer takes messages and dies without
 * acking them (so the broker redelivers them). Every job must get exactly one attempt and one outcome. The run uses
 * its own exchange, queue and Redis key names, and removes them at the end.
 */
class TwoInstancesIT {

    private static final IsolatedRun RUN = new IsolatedRun("it" + UUID.randomUUID().toString().substring(0, 8));
    private static final String QUEUE = RUN.queue();
    private static final String DLQ = RUN.deadLetterQueue();
    private static final List<String> DELAY_QUEUES = RUN.delayQueues();
    private static final Set<EventType> OUTCOMES = Set.of(SUBTITLE_READY, TRANSLATE_REQUESTED, JOB_FAILED);
    /** A sample of {@code downloader.attempts} on the Prometheus page (an exemplar may follow the value). */
    private static final Pattern ATTEMPTS = Pattern.compile(
            "^downloader_attempts_total\\{[^}]*outcome=\"([a-z]+)\"[^}]*} ([0-9.E+-]+)", Pattern.MULTILINE);

    private static final TestLibrary library = new TestLibrary();
    private static final List<DownloaderProcess> instances = new ArrayList<>();
    private static final List<UUID> jobs = new ArrayList<>();
    private static EventProbe probe;

    @BeforeAll
    static void startTwoInstances() throws IOException {
        Map<String, String> environment = RUN.environment();
        environment.put("DOWNLOADER_LIBRARY_PATH", library.start().get("downloader.library.path"));
        environment.put("DOWNLOADER_PROVIDERS", "library");
        instances.add(DownloaderProcess.start(RUN.name() + "-a", environment));
        instances.add(DownloaderProcess.start(RUN.name() + "-b", environment));
        instances.forEach(DownloaderProcess::awaitReady);
        probe = new EventProbe(RUN.exchange());
    }

    @AfterAll
    static void stopAndCleanUp() throws Exception {
        for (DownloaderProcess instance : instances) {
            instance.close();
        }
        if (probe != null) {
            RUN.deleteTopology(probe.channel());
            probe.close();
        }
        RUN.deleteRedisKeys();
        IsolatedRun.deleteStoredFiles(jobs);
        library.stop();
    }

    @Test
    void twoInstancesOnOneQueueGiveEveryJobOneAttemptAndOneOutcomeDespiteDuplicatesAndRedeliveries()
            throws Exception {
        Map<UUID, EventType> expected = new LinkedHashMap<>();
        List<JobEvent<DownloadRequested>> deliveries = new ArrayList<>();
        for (int i = 0; i < 220; i++) {
            JobEvent<DownloadRequested> request = request(i % 11, expected);
            jobs.add(request.jobId());
            deliveries.add(request);
            if (i % 4 == 0) {
                deliveries.add(request);
            }
            if (i % 10 == 0) {
                deliveries.add(request);
            }
        }
        Collections.shuffle(deliveries, new Random(42));
        int copies = deliveries.size() - jobs.size();

        AtomicInteger heldByDyingConsumer = new AtomicInteger();
        Channel dying = probe.channel().getConnection().createChannel();
        dying.basicQos(30);
        dying.basicConsume(QUEUE, false, (tag, delivery) -> heldByDyingConsumer.incrementAndGet(), tag -> {
        });
        deliveries.forEach(probe::publish);
        await().atMost(Duration.ofSeconds(30)).until(() -> heldByDyingConsumer.get() >= 10);
        dying.close();

        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
                .until(() -> jobs.stream().allMatch(job -> probe.typesOf(job).stream().anyMatch(OUTCOMES::contains)));
        await().atMost(Duration.ofSeconds(60)).during(Duration.ofSeconds(6)).pollInterval(Duration.ofMillis(100))
                .until(() -> nothingWaiting(probe.channel()));

        for (UUID job : jobs) {
            assertThat(probe.typesOf(job)).as("events of job %s", job)
                    .containsExactly(DOWNLOAD_STARTED, expected.get(job));
        }
        assertThat(probe.channel().messageCount(DLQ)).isZero();
        Map<String, Long> outcomesByInstance = new LinkedHashMap<>();
        for (DownloaderProcess instance : instances) {
            outcomesByInstance.put(instance.instance(), jobs.stream().filter(job -> probe.eventsOf(job).stream()
                    .anyMatch(e -> OUTCOMES.contains(e.type()) && e.source().toString().endsWith("/"
                            + instance.instance())))
                    .count());
        }
        Map<String, Double> attempts = attempts();
        System.out.printf("%d jobs, %d deliveries (%d duplicate copies, %d redelivered by the broker);"
                + " outcomes per instance %s; attempt outcomes %s%n", jobs.size(), deliveries.size(), copies,
                heldByDyingConsumer.get(), outcomesByInstance, attempts);
        assertThat(outcomesByInstance.values()).allSatisfy(count -> assertThat(count).isPositive());
        assertThat(attempts.getOrDefault("duplicate", 0.0)).as("duplicate copies dropped").isEqualTo(copies);
        assertThat(attempts.getOrDefault("ready", 0.0) + attempts.getOrDefault("translate", 0.0)
                + attempts.getOrDefault("failed", 0.0)).as("attempts run").isEqualTo(jobs.size());
    }

    /** Job {@code kind} of eleven: mostly found, some only in English (translation), some nowhere. */
    private static JobEvent<DownloadRequested> request(int kind, Map<UUID, EventType> expected) {
        JobEvent<DownloadRequested> request;
        if (kind < 6) {
            request = EventProbe.request(film(TestLibrary.SPANISH_ONLY, 2019), "es");
            expected.put(request.jobId(), SUBTITLE_READY);
        } else if (kind < 9) {
            request = EventProbe.request(film(TestLibrary.ENGLISH_ONLY, 2020), "de");
            expected.put(request.jobId(), TRANSLATE_REQUESTED);
        } else {
            request = EventProbe.request(film("A Film Nobody Subtitled", 1999), "es");
            expected.put(request.jobId(), JOB_FAILED);
        }
        return request;
    }

    private static VideoRef film(String title, int year) {
        return new VideoRef(title, year, null, null, null, null, null, null);
    }

    private static boolean nothingWaiting(Channel channel) throws IOException {
        long waiting = channel.messageCount(QUEUE);
        for (String queue : DELAY_QUEUES) {
            waiting += channel.messageCount(queue);
        }
        return waiting == 0;
    }

    /** {@code downloader.attempts} by outcome, summed over both instances. */
    private static Map<String, Double> attempts() throws IOException, InterruptedException {
        Map<String, Double> sums = new LinkedHashMap<>();
        for (DownloaderProcess instance : instances) {
            String page = instance.metrics();
            page.lines().filter(l -> l.contains("attempts") || l.contains("dead"))
                    .forEach(l -> System.out.println("DEBUG [" + l + "]"));
            Matcher matcher = ATTEMPTS.matcher(page);
            while (matcher.find()) {
                sums.merge(matcher.group(1), Double.parseDouble(matcher.group(2)), Double::sum);
            }
        }
        return sums;
    }
}
