package dev.subtitles.translator.translation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.subtitles.translator.engine.EngineLimits;
import dev.subtitles.translator.engine.FakeEngine;
import dev.subtitles.translator.engine.LanguagePair;

class CueTranslatorTest {

    private static final LanguagePair EN_ES = new LanguagePair("en", "es");

    private final CueTranslator translator = new CueTranslator(new BatchTranslator(2));

    @Test
    void everyCueComesBackInItsPlaceWithItsStyling() {
        List<List<String>> cues = List.of(
                List.of("{\\an8}<i>Previously on the show</i>"),
                List.of("- Who is there?", "- It's me & you."),
                List.of("<i></i>"),
                List.of("We were never", "<b>really</b> friends."));

        List<List<String>> translated = translator.translate(new FakeEngine(new EngineLimits(2, 1000)), EN_ES, cues)
                .await().indefinitely();

        assertThat(translated).containsExactly(
                List.of("{\\an8}<i>PREVIOUSLY ON THE SHOW</i>"),
                List.of("- WHO IS THERE?", "- IT'S ME & YOU."),
                List.of("<i></i>"),
                List.of("WE WERE NEVER", "<b>REALLY</b> FRIENDS."));
    }

    @Test
    void onlyCueTextIsSentToTheEngine() {
        FakeEngine engine = new FakeEngine(new EngineLimits(10, 1000));

        translator.translate(engine, EN_ES, List.of(List.of("{\\an8}<i>Hello</i>"), List.of("<i></i>"))).await()
                .indefinitely();

        assertThat(engine.batches()).containsExactly(List.of("Hello"));
    }
}
