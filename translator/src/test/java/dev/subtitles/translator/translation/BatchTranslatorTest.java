package dev.subtitles.translator.translation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import dev.subtitles.translator.engine.EngineLimits;
import dev.subtitles.translator.engine.FakeEngine;
import dev.subtitles.translator.engine.LanguagePair;
import dev.subtitles.translator.engine.MalformedReplyException;

class BatchTranslatorTest {

    private static final LanguagePair EN_ES = new LanguagePair("en", "es");
    private static final List<String> TEXTS = IntStream.rangeClosed(1, 40).mapToObj(i -> "text " + i).toList();

    @Test
    void everyTextComesBackTranslatedInOrder() {
        FakeEngine engine = new FakeEngine(new EngineLimits(7, 1000));

        List<String> translations = new BatchTranslator(3).translate(engine, EN_ES, TEXTS).await().indefinitely();

        assertThat(translations).isEqualTo(TEXTS.stream().map(FakeEngine::translationOf).toList());
        assertThat(engine.batches()).hasSize(6).allSatisfy(batch -> assertThat(batch).hasSizeLessThanOrEqualTo(7));
    }

    @Test
    void batchesInFlightNeverExceedTheBound() {
        FakeEngine engine = new FakeEngine(new EngineLimits(2, 1000)).withLatency(Duration.ofMillis(20));

        new BatchTranslator(3).translate(engine, EN_ES, TEXTS).await().indefinitely();

        assertThat(engine.maxInFlight()).isBetween(2, 3);
    }

    @Test
    void aBatchAnsweredShortIsRetriedInHalvesUntilTheAnswersMatch() {
        FakeEngine engine = new FakeEngine(new EngineLimits(16, 1000)).droppingOneAbove(4);

        List<String> translations = new BatchTranslator(2).translate(engine, EN_ES, TEXTS).await().indefinitely();

        assertThat(translations).isEqualTo(TEXTS.stream().map(FakeEngine::translationOf).toList());
        assertThat(engine.batches()).anySatisfy(batch -> assertThat(batch).hasSize(16))
                .anySatisfy(batch -> assertThat(batch).hasSize(4));
    }

    @Test
    void aSingleTextThatStillCannotBeMatchedFailsTheTranslation() {
        FakeEngine engine = new FakeEngine(new EngineLimits(16, 1000)).droppingOneAbove(0);

        assertThatThrownBy(() -> new BatchTranslator(2).translate(engine, EN_ES, TEXTS).await().indefinitely())
                .isInstanceOf(MalformedReplyException.class).hasMessageContaining("answered 0 translations for 1");
    }

    @Test
    void noTextsNeedNoRequest() {
        FakeEngine engine = new FakeEngine(new EngineLimits(16, 1000));

        assertThat(new BatchTranslator(2).translate(engine, EN_ES, List.of()).await().indefinitely()).isEmpty();
        assertThat(engine.batches()).isEmpty();
    }
}
