package dev.subtitles.translator.engine.apertium;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.subtitles.translator.engine.EngineLimits;
import dev.subtitles.translator.engine.LanguagePair;
import dev.subtitles.translator.engine.LanguageSupport;
import dev.subtitles.translator.engine.TransientEngineException;
import dev.subtitles.translator.engine.UnsupportedLanguagePairException;
import dev.subtitles.translator.engine.http.HttpEngineSettings;
import dev.subtitles.translator.translation.BatchTranslator;
import dev.subtitles.translator.translation.CueTranslator;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;

/** Runs against a real Apertium APy server with the installed eng-spa pair, started for this class. */
class ApertiumApyEngineTest {

    private static final LanguagePair EN_ES = new LanguagePair("en", "es");
    private static final EngineLimits LIMITS = new EngineLimits(3, 800);

    private static ApertiumApyServer server;
    private static Vertx vertx;
    private static WebClient client;
    private static ApertiumApyEngine engine;

    @BeforeAll
    static void startServer() throws IOException {
        server = ApertiumApyServer.start();
        vertx = Vertx.vertx();
        client = WebClient.create(vertx);
        engine = new ApertiumApyEngine(client,
                new HttpEngineSettings(server.url(), Optional.empty(), LIMITS, Duration.ofSeconds(30)));
    }

    @AfterAll
    static void stopServer() {
        client.close();
        vertx.closeAndAwait();
        server.close();
    }

    @Test
    void listsTheServersPairsInPipelineLanguageTags() {
        LanguageSupport support = engine.languageSupport().await().indefinitely();

        assertThat(support.supports(EN_ES)).isTrue();
        assertThat(support.supports(new LanguagePair("es", "en-US"))).isTrue();
        assertThat(support.supports(new LanguagePair("en", "de"))).isFalse();
    }

    @Test
    void translatesEachTextOfABatchSeparately() {
        List<String> translations = engine.translate(
                List.of("The dog is big.", "I said <b>no</b> to him", "Tom &amp; Jerry"), EN_ES)
                .await().indefinitely();

        assertThat(translations).hasSize(3);
        assertThat(translations.get(0)).containsIgnoringCase("perro");
        assertThat(translations.get(1)).containsPattern("<b>.+</b>").doesNotContain("said");
        assertThat(translations.get(2)).contains("&amp;");
    }

    @Test
    void translatesAsTheCommandLineDoes() {
        List<String> texts = List.of("Where is the red car?", "- I like the house.<br>- We go home now.",
                "The <i>dog</i> is big and the cat is small.", "Xyzzy said good morning!");
        try (ApertiumEngine commandLine = new ApertiumEngine("apertium", LIMITS, Duration.ofSeconds(60), 1)) {
            List<String> expected = commandLine.translate(texts.subList(0, 2), EN_ES).await().indefinitely();
            List<String> more = commandLine.translate(texts.subList(2, 4), EN_ES).await().indefinitely();

            assertThat(engine.translate(texts.subList(0, 2), EN_ES).await().indefinitely()).isEqualTo(expected);
            assertThat(engine.translate(texts.subList(2, 4), EN_ES).await().indefinitely()).isEqualTo(more)
                    .allSatisfy(translation -> assertThat(translation).doesNotContain("*"));
        }
    }

    @Test
    void translatesASubtitlesCuesKeepingTheirCountAndStyling() {
        List<List<String>> cues = List.of(
                List.of("{\\an8}<i>Where is the red car?</i>"),
                List.of("- I like the house.", "- We go home now."),
                List.of("<i>The dog is big</i>", "<i>and the cat is small.</i>"),
                List.of("♪"),
                List.of("Good morning!"));

        List<List<String>> translated = new CueTranslator(new BatchTranslator(2)).translate(engine, EN_ES, cues)
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
    void unsupportedPairFailsNamingThePairAndTheServersPairs() {
        assertThatThrownBy(() -> engine.translate(List.of("Hello"), new LanguagePair("en", "de")).await()
                .indefinitely())
                .isInstanceOf(UnsupportedLanguagePairException.class)
                .hasMessageContaining("en->de").hasMessageContaining("en->es");
    }

    @Test
    void unreachableServerIsTransient() {
        ApertiumApyEngine unreachable = new ApertiumApyEngine(client, new HttpEngineSettings(
                URI.create("http://127.0.0.1:9"), Optional.empty(), LIMITS, Duration.ofSeconds(2)));

        assertThatThrownBy(() -> unreachable.languageSupport().await().indefinitely())
                .isInstanceOf(TransientEngineException.class).hasMessageContaining("could not be reached");
    }
}
