package dev.subtitles.translator.translation;

import java.util.Arrays;
import java.util.List;

import org.jboss.logging.Logger;

import dev.subtitles.translator.engine.LanguagePair;
import dev.subtitles.translator.engine.MalformedReplyException;
import dev.subtitles.translator.engine.TranslationEngine;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Translates any number of texts with an engine: batches them by the engine's limits, keeps at most
 * {@code maxInFlight} batches in flight, and splits a batch whose answer does not match it (see
 * {@link MalformedReplyException}) until the parts match or a single text still fails.
 */
public final class BatchTranslator {

    private static final Logger LOG = Logger.getLogger(BatchTranslator.class);

    private final int maxInFlight;

    /**
     * @param maxInFlight the most batches sent and not yet answered at one time, per subtitle; at least 1
     */
    public BatchTranslator(int maxInFlight) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be at least 1, was " + maxInFlight);
        }
        this.maxInFlight = maxInFlight;
    }

    /** The translations of {@code texts}, one per text, in order. */
    public Uni<List<String>> translate(TranslationEngine engine, LanguagePair pair, List<String> texts) {
        if (texts.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        String[] translations = new String[texts.size()];
        return Multi.createFrom().iterable(BatchPlanner.plan(texts, engine.limits()))
                .onItem().transformToUni(batch -> translateBatch(engine, pair, batch, translations))
                .merge(maxInFlight)
                .collect().asList()
                .map(done -> Arrays.asList(translations));
    }

    /** Fills the batch's slots of {@code translations}; the item is the number of texts translated. */
    private Uni<Integer> translateBatch(TranslationEngine engine, LanguagePair pair, Batch batch,
            String[] translations) {
        return engine.translate(batch.texts(), pair)
                .invoke(answer -> {
                    if (answer.size() != batch.size()) {
                        throw new MalformedReplyException("engine " + engine.name() + " answered " + answer.size()
                                + " translations for " + batch.size() + " texts");
                    }
                    for (int i = 0; i < answer.size(); i++) {
                        translations[batch.offset() + i] = answer.get(i);
                    }
                })
                .replaceWith(batch.size())
                .onFailure(MalformedReplyException.class).recoverWithUni(failure -> {
                    if (batch.size() == 1) {
                        return Uni.createFrom().failure(failure);
                    }
                    LOG.debugf("retrying %d texts from %d as two halves: %s", batch.size(), batch.offset(),
                            failure.getMessage());
                    return Multi.createFrom().iterable(batch.halves())
                            .onItem().transformToUniAndConcatenate(half -> translateBatch(engine, pair, half,
                                    translations))
                            .collect().asList().replaceWith(batch.size());
                });
    }
}
