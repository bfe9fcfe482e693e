package dev.subtitles.translator.engine;

import java.util.List;

import io.smallrye.mutiny.Uni;

/**
 * A machine-translation engine: translates a batch of texts from one language to another.
 * <p>
 * <b>Texts are HTML fragments.</b> The translator escapes {@code &}, {@code <} and {@code >} in subtitle text and
 * leaves the styling tags that sit inside a sentence ({@code <i>}, {@code <b>}, {@code <font ...>}) in place, so an
 * engine translates in its HTML mode and keeps tags where they belong. Each answer is an HTML fragment too.
 * <p>
 * <b>Failures</b> are reported through the {@link Uni}: {@link TransientEngineException} for what a later attempt
 * may fix (unreachable, 5xx, rate limited), {@link MalformedReplyException} when the answer cannot be matched to
 * the texts (the translator then retries with smaller batches), {@link PermanentEngineException} for the rest.
 */
public interface TranslationEngine {

    /** The engine's configuration name ({@code apertium}, {@code deepl}, ...), recorded with each translation. */
    String name();

    /** The model or language data the engine translates with, recorded with each translation; may be {@code null}. */
    String model();

    /** How much one {@link #translate} call may carry. */
    EngineLimits limits();

    /** The language pairs the engine can translate (an engine may keep the first answer). */
    Uni<LanguageSupport> languageSupport();

    /**
     * Asks the engine now, past any kept answer, which pairs it can translate: fails when it cannot translate at all
     * (not installed, unreachable, credentials missing or refused). Readiness probes call it.
     */
    Uni<LanguageSupport> probe();

    /**
     * Translates {@code texts} (within {@link #limits()}) along {@code pair}.
     *
     * @return the translations, one per text and in the same order
     */
    Uni<List<String>> translate(List<String> texts, LanguagePair pair);
}
