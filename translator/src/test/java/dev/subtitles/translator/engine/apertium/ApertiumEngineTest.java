package dev.subtitles.translator.engine.apertium;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import dev.subtitles.translator.engine.EngineLimits;
import dev.subtitles.translator.engine.LanguagePair;
import dev.subtitles.translator.engine.LanguageSupport;
import dev.subtitles.translator.engine.PermanentEngineException;
import dev.subtitles.translator.engine.UnsupportedLanguagePairException;
import dev.subtitles.translator.translation.BatchTranslator;
import dev.subtitles.translator.translation.CueTranslator;

/** Runs the real Apertium (Debian packages {@code apertium} and {@code apertium-eng-spa}). */
class ApertiumEngineTest {

    private static final LanguagePair EN_ES = new LanguagePair("en", "es");
    private static final ApertiumEngine ENGINE = new ApertiumEngine("apertium", new EngineLimits(3, 10_000),
            Duration.ofSeconds(60), 2);

    @AfterAll
    static void stopEngine() {
        ENGINE.close();
    }

    @Test
    void listsTheInstalledPairsInPipelineLanguageTags() {
        LanguageSupport support = ENGINE.languageSupport().await().indefinitely();

        assertThat(support.supports(EN_ES)).isTrue();
        assertThat(support.supports(new LanguagePair("es", "en-US"))).isTrue();
        assertThat(support.supports(new LanguagePair("en", "de"))).isFalse();
    }

    @Test
    void probeListsThePairsAgain() {
        assertThat(ENGINE.probe().await().indefinitely().supports(EN_ES)).isTrue();
    }

    @Test
    void probeFailsWhenTheCommandIsMissing() {
        try (ApertiumEngine missing = new ApertiumEngine("/nonexistent/apertium", new EngineLimits(3, 10_000),
                Duration.ofSeconds(5), 1)) {
            assertThatThrownBy(() -> missing.probe().await().indefinitely())
                    .isInstanceOf(PermanentEngineException.class).hasMessageContaining("cannot run apertium");
        }
    }

    @Test
    void translatesEachTextOfABatchSeparately() {
        List<String> translations = ENGINE.translate(
                List.of("The dog is big.", "I said <b>no</b> to him", "Tom &amp; Jerry"), EN_ES)
                .await().indefinitely();

        assertThat(translations).hasSize(3);
        assertThat(translations.get(0)).containsIgnoringCase("perro");
        assertThat(translations.get(1)).containsPattern("<b>.+</b>").doesNotContain("said");
        assertThat(translations.get(2)).contains("&amp;");
    }

    @Test
    void translatesASubtitlesCuesKeepingTheirCountAndStyling() {
        List<List<String>> cues = List.of(
                List.of("{\\an8}<i>Where is the red car?</i>"),
                List.of("- I like the house.", "- We go home now."),
                List.of("<i>The dog is big</i>", "<i>and the cat is small.</i>"),
                List.of("♪"),
                List.of("Good morning!"));

        List<List<String>> translated = new CueTranslator(new BatchTranslator(2)).translate(ENGINE, EN_ES, cues)
                .await().indefinitely();

        assertThat(translated).hasSize(cues.size());
        assertThat(translated.get(0)).singleElement().asString().startsWith("{\\an8}<i>").endsWith("</i>")
                .contains("coche");
        assertThat(translated.get(1)).hasSize(2).allSatisfy(line -> assertThat(line).startsWith("- "));
        assertThat(translated.get(2)).hasSize(2).allSatisfy(line -> assertThat(line).startsWith("<i>").endsWith("</i>"));
        assertThat(translated.get(3)).containsExactly("♪");
        assertThat(translated).doesNotContainAnyElementsOf(cues.subList(0, 3));
    }

    @Test
    void unsupportedPairFailsNamingThePairAndTheInstalledOnes() {
        assertThatThrownBy(() -> ENGINE.translate(List.of("Hello"), new LanguagePair("en", "de")).await()
                .indefinitely())
                .isInstanceOf(UnsupportedLanguagePairException.class)
                .hasMessageContaining("en->de").hasMessageContaining("en->es");
    }

    @Test
    void missingExecutableIsAPermanentFailure() {
        try (ApertiumEngine missing = new ApertiumEngine("/nonexistent/apertium", new EngineLimits(3, 100),
                Duration.ofSeconds(5), 1)) {
            assertThatThrownBy(() -> missing.languageSupport().await().indefinitely())
                    .isInstanceOf(PermanentEngineException.class).hasMessageContaining("cannot run apertium");
        }
    }
}
