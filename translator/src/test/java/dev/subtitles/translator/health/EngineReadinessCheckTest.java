package dev.subtitles.translator.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

import dev.subtitles.translator.engine.EngineLimits;
import dev.subtitles.translator.engine.LanguagePair;
import dev.subtitles.translator.engine.LanguageSupport;
import dev.subtitles.translator.engine.TransientEngineException;
import dev.subtitles.translator.engine.TranslationEngine;
import io.smallrye.mutiny.Uni;

class EngineReadinessCheckTest {

    private static final Duration LONG = Duration.ofMinutes(5);
    private static final LanguageSupport EN_ES = LanguageSupport.pairs(Set.of(new LanguagePair("en", "es")));

    @Test
    void upWithTheEnginesPairs() {
        HealthCheckResponse response = check(new ProbedEngine(() -> Uni.createFrom().item(EN_ES)), LONG, LONG);

        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(response.getData().orElseThrow()).containsEntry("engine", "probed").containsEntry("pairs", "en->es");
    }

    @Test
    void downWithTheReasonWhenTheEngineCannotBeReached() {
        HealthCheckResponse response = check(new ProbedEngine(() -> Uni.createFrom()
                .failure(new TransientEngineException("libretranslate unreachable: Connection refused", null))), LONG,
                LONG);

        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(response.getData().orElseThrow()).containsEntry("problem",
                "libretranslate unreachable: Connection refused");
    }

    @Test
    void downWhenTheEngineListsNoPair() {
        HealthCheckResponse response = check(
                new ProbedEngine(() -> Uni.createFrom().item(LanguageSupport.pairs(Set.of()))), LONG, LONG);

        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(response.getData().orElseThrow()).containsEntry("problem", "the engine lists no language pair");
    }

    @Test
    void downWhenTheProbeTakesLongerThanItsTimeout() {
        HealthCheckResponse response = check(new ProbedEngine(() -> Uni.createFrom().nothing()), LONG,
                Duration.ofMillis(100));

        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(response.getData().orElseThrow().get("problem").toString()).contains("no answer within");
    }

    @Test
    void anAnswerStandsForTheIntervalThenTheEngineIsAskedAgain() throws InterruptedException {
        AtomicInteger probes = new AtomicInteger();
        ProbedEngine engine = new ProbedEngine(() -> probes.incrementAndGet() == 1
                ? Uni.createFrom().failure(new TransientEngineException("not yet started", null))
                : Uni.createFrom().item(EN_ES));
        EngineReadinessCheck check = new EngineReadinessCheck(engine, Duration.ofMillis(300), LONG);

        assertThat(check.call().await().indefinitely().getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(check.call().await().indefinitely().getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(probes).hasValue(1);

        Thread.sleep(400);

        assertThat(check.call().await().indefinitely().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(probes).hasValue(2);
    }

    private static HealthCheckResponse check(TranslationEngine engine, Duration interval, Duration timeout) {
        return new EngineReadinessCheck(engine, interval, timeout).call().await().atMost(Duration.ofSeconds(10));
    }

    /** An engine whose probe answers what the test says; it is never asked to translate. */
    private record ProbedEngine(Supplier<Uni<LanguageSupport>> answers) implements TranslationEngine {

        @Override
        public String name() {
            return "probed";
        }

        @Override
        public String model() {
            return null;
        }

        @Override
        public EngineLimits limits() {
            return new EngineLimits(1, 1);
        }

        @Override
        public Uni<LanguageSupport> languageSupport() {
            return answers.get();
        }

        @Override
        public Uni<LanguageSupport> probe() {
            return answers.get();
        }

        @Override
        public Uni<List<String>> translate(List<String> texts, LanguagePair pair) {
            throw new UnsupportedOperationException("a readiness probe never translates");
        }
    }
}
