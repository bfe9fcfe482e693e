package dev.subtitles.downloader.upgrade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.rabbitmq.client.GetResponse;

import dev.subtitles.common.event.EventType;
import dev.subtitles.common.event.JobEvent;
import dev.subtitles.common.event.payload.DownloadRequested;
import dev.subtitles.common.event.payload.SubtitleReady;
import dev.subtitles.common.event.payload.SubtitleUpgraded;
import dev.subtitles.common.event.payload.UpgradeChecked;
import dev.subtitles.common.event.payload.UpgradeRequested;
import dev.subtitles.common.event.payload.VideoRef;
import dev.subtitles.common.format.SubtitleFormat;
import dev.subtitles.common.messaging.Topology;
import dev.subtitles.common.store.NewSubtitleFile;
import dev.subtitles.common.store.StoredSubtitleFile;
import dev.subtitles.common.store.SubtitleStore;
import dev.subtitles.common.tenant.Tenants;
import dev.subtitles.common.worker.EventIds;
import dev.subtitles.downloader.support.EventProbe;
import dev.subtitles.downloader.support.TestBroker;
import dev.subtitles.downloader.support.TestLibrary;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Searches for a better subtitle of a done job, sent to the upgrades queue as the manager sends them. The test library
 * has "Quiet Orchard" (2019) in Spanish, which scores 160 for a request naming title and year (title 120, year 40). The
 * library is the only provider here: the OpenSubtitles stub other tests share keeps their answers for that title.
 */
@QuarkusTest
@TestProfile(UpgradeFlowTest.LibraryOnly.class)
@QuarkusTestResource(TestLibrary.class)
@QuarkusTestResource(TestBroker.class)
class UpgradeFlowTest {

    /** The test library as the only provider. */
    public static class LibraryOnly implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("downloader.providers", "library");
        }
    }

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final VideoRef ORCHARD = new VideoRef(TestLibrary.SPANISH_ONLY, 2019, null, null, null, null, null,
            null);
    private static final int LIBRARY_SCORE = 160;
    private static final String POOR_SRT = "1\n00:00:01,000 --> 00:00:02,000\nManzanas.\n";

    @Inject
    SubtitleStore store;

    @Inject
    Pool pool;

    private final EventProbe probe = new EventProbe();

    /** The connector declares and binds the upgrades queue as it starts: a request published before would be lost. */
    @BeforeEach
    void awaitTheUpgradesConsumer() {
        await().atMost(WAIT).until(() -> probe.channel().consumerCount(TestBroker.UPGRADES_QUEUE) > 0);
    }

    @AfterEach
    void closeProbe() throws IOException, TimeoutException {
        probe.close();
    }

    @Test
    void betterSubtitleBecomesVersionTwoAndIsAnnounced() {
        UUID job = UUID.randomUUID();
        StoredSubtitleFile first = storeFirstFile(job, "opensubtitles");
        JobEvent<UpgradeRequested> request = request(job, first.id(), 1, 120.0, false, 1);

        probe.publish(request);

        SubtitleUpgraded upgraded = (SubtitleUpgraded) awaitOutcome(request).payload();
        assertThat(upgraded.version()).isEqualTo(2);
        assertThat(upgraded.provider()).isEqualTo("library");
        assertThat(upgraded.score()).isEqualTo(LIBRARY_SCORE);
        assertThat(upgraded.previousVersion()).isEqualTo(1);
        assertThat(upgraded.previousScore()).isEqualTo(120.0);
        assertThat(upgraded.previousMachineTranslated()).isFalse();
        assertThat(upgraded.fileId()).isNotEqualTo(first.id());
        assertThat(stored(upgraded.fileId()).content()).contains("Las manzanas caen");
        assertThat(versionsOf(job)).containsExactly(2);
    }

    @Test
    void nothingBetterIsRecordedAsChecked() {
        UUID job = UUID.randomUUID();
        StoredSubtitleFile first = storeFirstFile(job, "opensubtitles");
        JobEvent<UpgradeRequested> request = request(job, first.id(), 1, (double) LIBRARY_SCORE, false, 1);

        probe.publish(request);

        JobEvent<?> outcome = awaitOutcome(request);
        assertThat(outcome.type()).isEqualTo(EventType.UPGRADE_CHECKED);
        UpgradeChecked checked = (UpgradeChecked) outcome.payload();
        assertThat(checked.version()).isEqualTo(1);
        assertThat(checked.score()).isEqualTo(LIBRARY_SCORE);
        assertThat(checked.candidates()).isEqualTo(1);
        assertThat(checked.bestScore()).isEqualTo(LIBRARY_SCORE);
        assertThat(checked.unavailable()).isEmpty();
        assertThat(outcome.id()).isEqualTo(EventIds.derive(request.id(), 1, EventType.UPGRADE_CHECKED));
        assertThat(versionsOf(job)).isEmpty();
    }

    @Test
    void machineTranslatedJobGetsASubtitleFoundInItsLanguage() {
        UUID job = UUID.randomUUID();
        StoredSubtitleFile translated = store.save(NewSubtitleFile.machineTranslated(job, "es", SubtitleFormat.SRT,
                POOR_SRT, "apertium", null, storeFirstFile(UUID.randomUUID(), "library").id()))
                .await().atMost(WAIT);
        JobEvent<UpgradeRequested> request = request(job, translated.id(), 1, null, true, 1);

        probe.publish(request);

        SubtitleUpgraded upgraded = (SubtitleUpgraded) awaitOutcome(request).payload();
        assertThat(upgraded.version()).isEqualTo(2);
        assertThat(upgraded.language()).isEqualTo("es");
        assertThat(upgraded.previousMachineTranslated()).isTrue();
        assertThat(upgraded.previousScore()).isNull();
        assertThat(stored(upgraded.fileId()).origin()).isEqualTo("library");
    }

    @Test
    void theSameFileScoredHigherIsNoUpgrade() {
        JobEvent<DownloadRequested> download = EventProbe.request(ORCHARD, "es");
        probe.publish(download);
        SubtitleReady ready = (SubtitleReady) probe.awaitResult(download.jobId(), WAIT).payload();
        JobEvent<UpgradeRequested> request = request(download.jobId(), ready.fileId(), 1, 100.0, false, 1);

        probe.publish(request);

        JobEvent<?> outcome = awaitOutcome(request);
        assertThat(outcome.type()).isEqualTo(EventType.UPGRADE_CHECKED);
        assertThat(((UpgradeChecked) outcome.payload()).bestScore()).isEqualTo(LIBRARY_SCORE);
        assertThat(versionsOf(download.jobId())).isEmpty();
    }

    @Test
    void redeliveredRequestAnnouncesTheSameVersionAgain() {
        UUID job = UUID.randomUUID();
        JobEvent<UpgradeRequested> request = request(job, storeFirstFile(job, "opensubtitles").id(), 1, 120.0, false,
                1);

        probe.publish(request);
        awaitOutcome(request);
        probe.publish(request);

        await().atMost(WAIT).until(() -> outcomesOf(request).size() == 2);
        List<JobEvent<?>> outcomes = outcomesOf(request);
        assertThat(outcomes).extracting(JobEvent::id).containsOnly(
                EventIds.derive(request.id(), 1, EventType.SUBTITLE_UPGRADED));
        assertThat(outcomes).extracting(event -> ((SubtitleUpgraded) event.payload()).version()).containsOnly(2);
        assertThat(versionsOf(job)).containsExactly(2);
    }

    @Test
    void laterSearchComparesWithTheLatestVersionEvenWhenTheRequestNamesAnOlderOne() {
        UUID job = UUID.randomUUID();
        UUID first = storeFirstFile(job, "opensubtitles").id();
        JobEvent<UpgradeRequested> upgrade = request(job, first, 1, 120.0, false, 1);
        probe.publish(upgrade);
        assertThat(awaitOutcome(upgrade).type()).isEqualTo(EventType.SUBTITLE_UPGRADED);
        JobEvent<UpgradeRequested> stale = request(job, first, 1, 120.0, false, 2);

        probe.publish(stale);

        UpgradeChecked checked = (UpgradeChecked) awaitOutcome(stale).payload();
        assertThat(checked.version()).isEqualTo(2);
        assertThat(checked.score()).isEqualTo(LIBRARY_SCORE);
        assertThat(versionsOf(job)).containsExactly(2);
    }

    @Test
    void garbageOnTheUpgradesQueueGoesToItsDeadLetterQueueWithTheReason() throws IOException {
        probe.publishRaw("not an upgrade request".getBytes(StandardCharsets.UTF_8), "subtitle.upgrade.requested");

        GetResponse dead = await().atMost(WAIT)
                .until(() -> probe.channel().basicGet(TestBroker.UPGRADES_DLQ, true), response -> response != null);
        assertThat(new String(dead.getBody(), StandardCharsets.UTF_8)).isEqualTo("not an upgrade request");
        assertThat(String.valueOf(dead.getProps().getHeaders().get(Topology.DEAD_LETTER_REASON_HEADER)))
                .startsWith("undecodable event");
    }

    @Test
    void upgradeRequestsNeverReachTheWorkQueue() throws IOException {
        UUID job = UUID.randomUUID();
        JobEvent<UpgradeRequested> request = request(job, storeFirstFile(job, "opensubtitles").id(), 1, 120.0, false,
                1);

        probe.publish(request);
        awaitOutcome(request);

        assertThat(probe.eventsOf(job)).extracting(JobEvent::type)
                .doesNotContain(EventType.DOWNLOAD_STARTED, EventType.JOB_FAILED);
        assertThat(probe.channel().messageCount(TestBroker.QUEUE)).isZero();
    }

    private StoredSubtitleFile storeFirstFile(UUID job, String provider) {
        return store.save(NewSubtitleFile.downloaded(job, "es", SubtitleFormat.SRT, POOR_SRT, provider))
                .await().atMost(WAIT);
    }

    private StoredSubtitleFile stored(UUID fileId) {
        return store.findById(fileId).await().atMost(WAIT);
    }

    private static JobEvent<UpgradeRequested> request(UUID job, UUID firstFile, int version, Double score,
            boolean machineTranslated, int search) {
        return JobEvent.create(job, Tenants.DEFAULT, JobEvent.source("test", "manager"),
                new UpgradeRequested(ORCHARD, "es", List.of(), SubtitleFormat.SRT, null, firstFile, version, score,
                        machineTranslated, search));
    }

    private List<JobEvent<?>> outcomesOf(JobEvent<UpgradeRequested> request) {
        return probe.eventsOf(request.jobId()).stream()
                .filter(event -> event.type() == EventType.SUBTITLE_UPGRADED
                        || event.type() == EventType.UPGRADE_CHECKED)
                .filter(event -> event.id().equals(EventIds.derive(request.id(), 1, event.type())))
                .toList();
    }

    private JobEvent<?> awaitOutcome(JobEvent<UpgradeRequested> request) {
        await().atMost(WAIT).until(() -> !outcomesOf(request).isEmpty());
        return outcomesOf(request).get(0);
    }

    private List<Integer> versionsOf(UUID job) {
        return pool.preparedQuery("select version from subtitles.subtitle_version where job_id = $1 order by version")
                .execute(Tuple.of(job)).await().atMost(WAIT).stream().map(row -> row.getInteger("version")).toList();
    }
}
