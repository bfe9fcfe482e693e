package dev.subtitles.translator.translation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.subtitles.translator.engine.EngineLimits;

class BatchPlannerTest {

    @Test
    void batchesHoldAtMostMaxItemsTexts() {
        List<Batch> batches = BatchPlanner.plan(Collections.nCopies(7, "a"), new EngineLimits(3, 1000));

        assertThat(batches).extracting(Batch::size).containsExactly(3, 3, 1);
        assertThat(batches).extracting(Batch::offset).containsExactly(0, 3, 6);
    }

    @Test
    void batchesHoldAtMostMaxCharsCharacters() {
        List<Batch> batches = BatchPlanner.plan(List.of("aaaa", "bbbb", "cccc", "dd"), new EngineLimits(100, 9));

        assertThat(batches).extracting(Batch::texts)
                .containsExactly(List.of("aaaa", "bbbb"), List.of("cccc", "dd"));
    }

    @Test
    void aTextLongerThanMaxCharsGoesAlone() {
        List<Batch> batches = BatchPlanner.plan(List.of("a", "bbbbbbbbbbbb", "c"), new EngineLimits(100, 5));

        assertThat(batches).extracting(Batch::texts)
                .containsExactly(List.of("a"), List.of("bbbbbbbbbbbb"), List.of("c"));
    }

    @Test
    void noTextsMakeNoBatches() {
        assertThat(BatchPlanner.plan(List.of(), new EngineLimits(1, 1))).isEmpty();
    }
}
