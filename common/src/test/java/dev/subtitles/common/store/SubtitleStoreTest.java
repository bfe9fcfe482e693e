package dev.subtitles.common.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.subtitles.common.format.SubtitleFormat;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

class SubtitleStoreTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String SRT = "1\n00:00:01,000 --> 00:00:02,500\nHello there.\n\n"
            + "2\n00:00:03,000 --> 00:00:04,000\nGeneral Kenobi!\n";
    private static final String NON_ASCII_SRT = "1\n00:00:01,000 --> 00:00:02,000\nGrüße aus Köln – naïve café ✓ 字幕\n";

    private static Vertx vertx;
    private static Pool pool;
    private static SubtitleStore store;

    private final UUID jobId = UUID.randomUUID();
    private final UUID otherJobId = UUID.randomUUID();
    /** Content no other test (nor another build sharing the database) stores, so its content row is this test's. */
    private final String ownSrt = SRT + "\n3\n00:00:05,000 --> 00:00:06,000\nJob " + jobId + "\n";

    @BeforeAll
    static void migrateAndConnect() throws Exception {
        SubtitlesTestDatabase.createIfMissing();
        SubtitlesTestDatabase.migrate();
        vertx = Vertx.vertx();
        pool = SubtitlesTestDatabase.pool(vertx);
        store = new SubtitleStore(pool, SubtitleStore.DEFAULT_MAX_BYTES);
    }

    @AfterEach
    void deleteFilesAndOwnContentOfThisTest() throws Exception {
        pool.preparedQuery("delete from subtitles.subtitle_file where job_id = $1 or job_id = $2")
                .execute(Tuple.of(jobId, otherJobId))
                .await().atMost(TIMEOUT);
        pool.preparedQuery("delete from subtitles.subtitle_content where sha256 = $1")
                .execute(Tuple.of(sha256Of(ownSrt)))
                .await().atMost(TIMEOUT);
    }

    @AfterAll
    static void disconnect() {
        pool.closeAndAwait();
        vertx.closeAndAwait();
    }

    @Test
    void savedFileLoadsWithSameContentAndMetadata() {
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        NewSubtitleFile file = NewSubtitleFile.downloaded(jobId, "en", SubtitleFormat.SRT, SRT, "opensubtitles")
                .withMetadata(Map.of("release", "Show.S01E02.720p"));

        StoredSubtitleFile saved = save(file);
        StoredSubtitleFile loaded = store.findById(saved.id()).await().atMost(TIMEOUT);

        assertThat(loaded).isEqualTo(saved);
        assertThat(loaded.jobId()).isEqualTo(jobId);
        assertThat(loaded.language()).isEqualTo("en");
        assertThat(loaded.format()).isEqualTo(SubtitleFormat.SRT);
        assertThat(loaded.content()).isEqualTo(SRT);
        assertThat(loaded.origin()).isEqualTo("opensubtitles");
        assertThat(loaded.engine()).isNull();
        assertThat(loaded.model()).isNull();
        assertThat(loaded.sourceFileId()).isNull();
        assertThat(loaded.metadata()).containsExactly(Map.entry("release", "Show.S01E02.720p"));
        assertThat(loaded.createdAt()).isAfterOrEqualTo(before);
    }

    @Test
    void hashIsSha256OfUtf8Content() throws Exception {
        StoredSubtitleFile saved = save(NewSubtitleFile.downloaded(jobId, "de", SubtitleFormat.SRT, NON_ASCII_SRT,
                "podnapisi"));

        assertThat(saved.sha256()).isEqualTo(sha256Of(NON_ASCII_SRT));
    }

    @Test
    void sizeIsUtf8ByteCountNotCharacterCount() {
        StoredSubtitleFile saved = save(NewSubtitleFile.downloaded(jobId, "de", SubtitleFormat.SRT, NON_ASCII_SRT,
                "podnapisi"));

        assertThat(saved.sizeBytes())
                .isEqualTo(NON_ASCII_SRT.getBytes(StandardCharsets.UTF_8).length)
                .isGreaterThan(NON_ASCII_SRT.length());
        assertThat(store.findById(saved.id()).await().atMost(TIMEOUT).content()).isEqualTo(NON_ASCII_SRT);
    }

    @Test
    void unknownIdGivesNullItem() {
        assertThat(store.findById(UUID.randomUUID()).await().atMost(TIMEOUT)).isNull();
    }

    @Test
    void contentOverLimitFailsNamingSizeAndLimitAndStoresNothing() {
        int size = NON_ASCII_SRT.getBytes(StandardCharsets.UTF_8).length;
        SubtitleStore smallStore = new SubtitleStore(pool, size - 1);

        assertThatThrownBy(() -> smallStore.save(
                NewSubtitleFile.downloaded(jobId, "de", SubtitleFormat.SRT, NON_ASCII_SRT, "podnapisi"))
                .await().atMost(TIMEOUT))
                .isInstanceOfSatisfying(SubtitleTooLargeException.class, e -> {
                    assertThat(e.sizeBytes()).isEqualTo(size);
                    assertThat(e.maxBytes()).isEqualTo(size - 1);
                })
                .hasMessageContaining(size + " bytes")
                .hasMessageContaining("limit of " + (size - 1) + " bytes");
        assertThat(filesOf(jobId)).isZero();
    }

    @Test
    void contentExactlyAtLimitIsStored() {
        int size = NON_ASCII_SRT.getBytes(StandardCharsets.UTF_8).length;
        SubtitleStore exactStore = new SubtitleStore(pool, size);

        StoredSubtitleFile saved = exactStore.save(
                NewSubtitleFile.downloaded(jobId, "de", SubtitleFormat.SRT, NON_ASCII_SRT, "podnapisi"))
                .await().atMost(TIMEOUT);

        assertThat(saved.sizeBytes()).isEqualTo(size);
    }

    @Test
    void machineTranslatedFileKeepsEngineModelAndSource() {
        StoredSubtitleFile source = save(NewSubtitleFile.downloaded(jobId, "en", SubtitleFormat.SRT, SRT, "addic7ed"));
        String translated = SRT.replace("Hello there.", "Olá.");

        StoredSubtitleFile saved = save(NewSubtitleFile.machineTranslated(jobId, "pt", SubtitleFormat.VTT, translated,
                "libretranslate", "argos-en-pt", source.id()));
        StoredSubtitleFile loaded = store.findById(saved.id()).await().atMost(TIMEOUT);

        assertThat(loaded.origin()).isEqualTo(NewSubtitleFile.MACHINE_TRANSLATED);
        assertThat(loaded.engine()).isEqualTo("libretranslate");
        assertThat(loaded.model()).isEqualTo("argos-en-pt");
        assertThat(loaded.sourceFileId()).isEqualTo(source.id());
        assertThat(loaded.format()).isEqualTo(SubtitleFormat.VTT);
        assertThat(loaded.language()).isEqualTo("pt");
    }

    @Test
    void savingSameContentForSameJobAgainReturnsTheStoredFile() {
        NewSubtitleFile file = NewSubtitleFile.downloaded(jobId, "en", SubtitleFormat.SRT, SRT, "opensubtitles");

        StoredSubtitleFile first = save(file);
        StoredSubtitleFile second = save(file);

        assertThat(second).isEqualTo(first);
        assertThat(filesOf(jobId)).isEqualTo(1);
    }

    @Test
    void sameContentForAnotherJobIsStoredSeparately() {
        StoredSubtitleFile first = save(NewSubtitleFile.downloaded(jobId, "en", SubtitleFormat.SRT, SRT, "a"));
        StoredSubtitleFile second = save(NewSubtitleFile.downloaded(otherJobId, "en", SubtitleFormat.SRT, SRT, "a"));

        assertThat(second.id()).isNotEqualTo(first.id());
        assertThat(second.sha256()).isEqualTo(first.sha256());
    }

    @Test
    void sameContentOfTwoJobsIsStoredOnceAndReferencedByBothFiles() throws Exception {
        StoredSubtitleFile first = save(NewSubtitleFile.downloaded(jobId, "en", SubtitleFormat.SRT, ownSrt, "a"));
        StoredSubtitleFile second = save(NewSubtitleFile.downloaded(otherJobId, "en", SubtitleFormat.SRT, ownSrt, "a"));

        assertThat(filesOf(jobId)).isOne();
        assertThat(filesOf(otherJobId)).isOne();
        assertThat(contentRowsOf(sha256Of(ownSrt))).isOne();
        assertThat(inlineContentOf(first.id())).isNull();
        assertThat(inlineContentOf(second.id())).isNull();
    }

    @Test
    void filesSharingContentBothLoadIt() {
        StoredSubtitleFile first = save(NewSubtitleFile.downloaded(jobId, "en", SubtitleFormat.SRT, ownSrt, "a"));
        StoredSubtitleFile second = save(NewSubtitleFile.downloaded(otherJobId, "en", SubtitleFormat.SRT, ownSrt, "a"));

        assertThat(store.findById(first.id()).await().atMost(TIMEOUT).content()).isEqualTo(ownSrt);
        assertThat(store.findById(second.id()).await().atMost(TIMEOUT).content()).isEqualTo(ownSrt);
    }

    @Test
    void redeliveredSaveOfContentAnotherJobStoredReturnsTheSameFileWithItsContent() throws Exception {
        save(NewSubtitleFile.downloaded(otherJobId, "en", SubtitleFormat.SRT, ownSrt, "a"));
        NewSubtitleFile file = NewSubtitleFile.downloaded(jobId, "en", SubtitleFormat.SRT, ownSrt, "a");

        StoredSubtitleFile first = save(file);
        StoredSubtitleFile redelivered = save(file);

        assertThat(redelivered.id()).isEqualTo(first.id());
        assertThat(redelivered.content()).isEqualTo(ownSrt);
        assertThat(filesOf(jobId)).isOne();
        assertThat(contentRowsOf(sha256Of(ownSrt))).isOne();
    }

    @Test
    void fileStoredWithInlineContentBeforeContentTableExistedStillLoads() throws Exception {
        UUID id = insertInlineFile(ownSrt);

        StoredSubtitleFile loaded = store.findById(id).await().atMost(TIMEOUT);

        assertThat(loaded.content()).isEqualTo(ownSrt);
        assertThat(loaded.sha256()).isEqualTo(sha256Of(ownSrt));
    }

    @Test
    void redeliveredSaveOfFileStoredWithInlineContentReturnsThatFile() throws Exception {
        UUID id = insertInlineFile(ownSrt);

        StoredSubtitleFile saved = save(NewSubtitleFile.downloaded(jobId, "en", SubtitleFormat.SRT, ownSrt, "a"));

        assertThat(saved.id()).isEqualTo(id);
        assertThat(saved.content()).isEqualTo(ownSrt);
        assertThat(filesOf(jobId)).isOne();
    }

    @Test
    void fileWhoseContentIsMissingFailsToLoadNamingFileAndHash() throws Exception {
        StoredSubtitleFile saved = save(NewSubtitleFile.downloaded(jobId, "en", SubtitleFormat.SRT, ownSrt, "a"));
        pool.preparedQuery("delete from subtitles.subtitle_content where sha256 = $1")
                .execute(Tuple.of(saved.sha256()))
                .await().atMost(TIMEOUT);

        assertThatThrownBy(() -> store.findById(saved.id()).await().atMost(TIMEOUT))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(saved.id().toString())
                .hasMessageContaining(saved.sha256());
    }

    @Test
    void concurrentSavesOfDifferentFilesAllSucceed() {
        List<Uni<StoredSubtitleFile>> saves = IntStream.range(0, 20)
                .mapToObj(i -> store.save(NewSubtitleFile.downloaded(jobId, "en", SubtitleFormat.SRT,
                        SRT + "\n" + (i + 3) + "\n00:00:05,000 --> 00:00:06,000\nLine " + i + "\n", "opensubtitles")))
                .toList();

        List<StoredSubtitleFile> saved = Uni.join().all(saves).andFailFast().await().atMost(TIMEOUT);

        assertThat(saved).extracting(StoredSubtitleFile::id).doesNotHaveDuplicates().hasSize(20);
        assertThat(filesOf(jobId)).isEqualTo(20);
    }

    @Test
    void concurrentSavesOfSameFileStoreItOnce() {
        NewSubtitleFile file = NewSubtitleFile.downloaded(jobId, "en", SubtitleFormat.SRT, SRT, "opensubtitles");
        List<Uni<StoredSubtitleFile>> saves = IntStream.range(0, 10).mapToObj(i -> store.save(file)).toList();

        List<StoredSubtitleFile> saved = Uni.join().all(saves).andFailFast().await().atMost(TIMEOUT);

        assertThat(saved).extracting(StoredSubtitleFile::id).containsOnly(saved.get(0).id());
        assertThat(filesOf(jobId)).isEqualTo(1);
    }

    private static StoredSubtitleFile save(NewSubtitleFile file) {
        return store.save(file).await().atMost(TIMEOUT);
    }

    private static long filesOf(UUID job) {
        return pool.preparedQuery("select count(*) from subtitles.subtitle_file where job_id = $1")
                .execute(Tuple.of(job))
                .map(rows -> rows.iterator().next().getLong(0))
                .await().atMost(TIMEOUT);
    }

    private static long contentRowsOf(String sha256) {
        return pool.preparedQuery("select count(*) from subtitles.subtitle_content where sha256 = $1")
                .execute(Tuple.of(sha256))
                .map(rows -> rows.iterator().next().getLong(0))
                .await().atMost(TIMEOUT);
    }

    private static String inlineContentOf(UUID fileId) {
        return pool.preparedQuery("select content from subtitles.subtitle_file where id = $1")
                .execute(Tuple.of(fileId))
                .map(rows -> rows.iterator().next().getString(0))
                .await().atMost(TIMEOUT);
    }

    /** Stores a file of this test's job the way the store did before contents had their own table. */
    private UUID insertInlineFile(String content) throws Exception {
        UUID id = UUID.randomUUID();
        pool.preparedQuery("insert into subtitles.subtitle_file (id, job_id, language, format, content, sha256,"
                + " size_bytes, origin) values ($1, $2, 'en', 'srt', $3, $4, $5, 'a')")
                .execute(Tuple.of(id, jobId, content, sha256Of(content),
                        content.getBytes(StandardCharsets.UTF_8).length))
                .await().atMost(TIMEOUT);
        return id;
    }

    private static String sha256Of(String content) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest);
    }
}
