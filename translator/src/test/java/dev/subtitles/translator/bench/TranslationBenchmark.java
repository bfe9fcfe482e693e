package dev.subtitles.translator.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import dev.subtitles.common.event.payload.Priority;
import dev.subtitles.common.event.payload.TranslateRequested;
import dev.subtitles.common.format.Cue;
import dev.subtitles.common.format.Subtitle;
import dev.subtitles.common.format.SubtitleFormat;
import dev.subtitles.common.format.SubtitleParser;
import dev.subtitles.common.format.SubtitleWriter;
import dev.subtitles.common.store.NewSubtitleFile;
import dev.subtitles.common.store.StoredSubtitleFile;
import dev.subtitles.common.store.SubtitleStore;
import dev.subtitles.translator.config.TranslatorConfig;
import dev.subtitles.translator.engine.EngineLimits;
import dev.subtitles.translator.engine.LanguagePair;
import dev.subtitles.translator.engine.LanguageSupport;
import dev.subtitles.translator.engine.TranslationEngine;
import dev.subtitles.translator.engine.apertium.ApertiumEngine;
import dev.subtitles.translator.job.SubtitleTranslationService;
import dev.subtitles.translator.job.TranslatedFile;
import dev.subtitles.translator.translation.BatchTranslator;
import dev.subtitles.translator.translation.CueTranslator;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * How fast a feature film (1,500 cues) is translated: with real Apertium (cues per second), and with an engine that
 * answers instantly (what the translator itself costs: load, parse, batch, write, store). Prints its figures.
 * <p>
 * Not part of the default test run; run it with
 * {@code ./mvnw -B verify -pl common,translator -Dbench=true -Dtest=TranslationBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "bench", matches = "true")
class TranslationBenchmark {

    private static final int CUES = 1_500;
    private static final int WARM_UP_RUNS = 20;
    private static final int MEASURED_RUNS = 50;
    private static final Duration PATIENCE = Duration.ofMinutes(5);

    @Inject
    SubtitleStore store;

    @Inject
    Pool pool;

    @Inject
    TranslatorConfig config;

    private final List<UUID> jobs = new ArrayList<>();

    @AfterEach
    void deleteWhatTheBenchmarkStored() {
        pool.preparedQuery("delete from subtitles.subtitle_file where job_id = any($1)")
                .execute(Tuple.of(jobs.toArray(UUID[]::new))).await().atMost(PATIENCE);
    }

    @Test
    void translatorOverheadWithAnInstantEngine() {
        SubtitleTranslationService service = new SubtitleTranslationService(new InstantEngine(), store, config);
        long[] millis = new long[MEASURED_RUNS];
        for (int run = 0; run < WARM_UP_RUNS + MEASURED_RUNS; run++) {
            UUID jobId = UUID.randomUUID();
            StoredSubtitleFile source = storeFilm(jobId);
            long started = System.nanoTime();
            TranslatedFile result = service.translate(jobId, request(source), () -> Uni.createFrom().voidItem())
                    .await().atMost(PATIENCE);
            long elapsed = (System.nanoTime() - started) / 1_000_000;
            assertThat(result.cueCount()).isEqualTo(CUES);
            if (run >= WARM_UP_RUNS) {
                millis[run - WARM_UP_RUNS] = elapsed;
            }
        }
        Arrays.sort(millis);
        System.out.printf("%n[benchmark] translator overhead, %d cues, instant engine (load, parse, batch, write,"
                + " store), %d runs after %d warm-up: median %d ms, p90 %d ms, max %d ms%n", CUES, MEASURED_RUNS,
                WARM_UP_RUNS, millis[MEASURED_RUNS / 2], millis[MEASURED_RUNS * 9 / 10], millis[MEASURED_RUNS - 1]);
    }

    @Test
    void translatorOverheadWithoutTheDatabase() {
        String content = new SubtitleWriter().write(FilmSubtitle.generate(CUES), SubtitleFormat.SRT);
        CueTranslator cueTranslator = new CueTranslator(new BatchTranslator(config.maxInFlightBatches()));
        InstantEngine engine = new InstantEngine();
        long[] millis = new long[MEASURED_RUNS];
        for (int run = 0; run < WARM_UP_RUNS + MEASURED_RUNS; run++) {
            long started = System.nanoTime();
            Subtitle source = new SubtitleParser().parse(content, SubtitleFormat.SRT);
            List<List<String>> lines = cueTranslator.translate(engine, new LanguagePair("en", "es"),
                    source.cues().stream().map(Cue::lines).toList()).await().atMost(PATIENCE);
            List<Cue> cues = new ArrayList<>(CUES);
            for (int i = 0; i < CUES; i++) {
                cues.add(source.cues().get(i).withLines(lines.get(i)));
            }
            String written = new SubtitleWriter().write(source.withCues(cues), SubtitleFormat.SRT);
            long elapsed = (System.nanoTime() - started) / 1_000_000;
            assertThat(new SubtitleParser().parse(written, SubtitleFormat.SRT).cues()).hasSize(CUES);
            if (run >= WARM_UP_RUNS) {
                millis[run - WARM_UP_RUNS] = elapsed;
            }
        }
        Arrays.sort(millis);
        System.out.printf("%n[benchmark] translator overhead, %d cues, instant engine, no database (parse, batch,"
                + " write), %d runs after %d warm-up: median %d ms, p90 %d ms, max %d ms%n", CUES, MEASURED_RUNS,
                WARM_UP_RUNS, millis[MEASURED_RUNS / 2], millis[MEASURED_RUNS * 9 / 10], millis[MEASURED_RUNS - 1]);
    }

    @Test
    void apertiumEnglishToSpanishFilm() {
        try (ApertiumEngine apertium = new ApertiumEngine(config.apertium().command(),
                new EngineLimits(config.apertium().maxItems(), config.apertium().maxChars()),
                config.apertium().timeout(), config.apertium().maxProcesses())) {
            SubtitleTranslationService service = new SubtitleTranslationService(apertium, store, config);
            for (int run = 1; run <= 3; run++) {
                UUID jobId = UUID.randomUUID();
                StoredSubtitleFile source = storeFilm(jobId);
                long started = System.nanoTime();
                TranslatedFile result = service.translate(jobId, request(source), () -> Uni.createFrom().voidItem())
                        .await().atMost(PATIENCE);
                double seconds = (System.nanoTime() - started) / 1e9;
                assertThat(result.cueCount()).isEqualTo(CUES);
                System.out.printf("%n[benchmark] apertium eng-spa, %d cues (%d chars), run %d: %.2f s, %.0f cues/s"
                        + " (batches of <= %d texts / %d chars, %d processes, %d batches in flight)%n", CUES,
                        source.content().length(), run, seconds, CUES / seconds, config.apertium().maxItems(),
                        config.apertium().maxChars(), config.apertium().maxProcesses(), config.maxInFlightBatches());
            }
        }
    }

    private StoredSubtitleFile storeFilm(UUID jobId) {
        jobs.add(jobId);
        Subtitle film = FilmSubtitle.generate(CUES);
        String content = new SubtitleWriter().write(film, SubtitleFormat.SRT);
        return store.save(NewSubtitleFile.downloaded(jobId, "en", SubtitleFormat.SRT, content, "benchmark"))
                .await().atMost(PATIENCE);
    }

    private static TranslateRequested request(StoredSubtitleFile source) {
        return new TranslateRequested(source.id(), "en", "es", SubtitleFormat.SRT, "benchmark", Priority.NORMAL);
    }

    /** Answers at once with the text it was given: only the translator's own work is left to measure. */
    private static final class InstantEngine implements TranslationEngine {

        @Override
        public String name() {
            return "instant";
        }

        @Override
        public String model() {
            return null;
        }

        @Override
        public EngineLimits limits() {
            return new EngineLimits(50, 30_000);
        }

        @Override
        public Uni<LanguageSupport> languageSupport() {
            return Uni.createFrom().item(LanguageSupport.pairs(Set.of(new LanguagePair("en", "es"))));
        }

        @Override
        public Uni<LanguageSupport> probe() {
            return languageSupport();
        }

        @Override
        public Uni<List<String>> translate(List<String> texts, LanguagePair pair) {
            return Uni.createFrom().item(texts);
        }
    }
}
