package dev.subtitles.translator.engine;

import java.util.Locale;
import java.util.Objects;

/**
 * A translation direction between two languages, named as the pipeline names languages (BCP 47 tags such as
 * {@code en}, {@code es}, {@code pt-BR}). Engines map these names to their own codes.
 *
 * @param source the language of the text to translate
 * @param target the language to translate into
 */
public record LanguagePair(String source, String target) {

    public LanguagePair {
        source = normalise(source, "source");
        target = normalise(target, "target");
    }

    /** The primary language subtag of {@link #source()} ({@code pt} for {@code pt-BR}). */
    public String sourceLanguage() {
        return primary(source);
    }

    /** The primary language subtag of {@link #target()}. */
    public String targetLanguage() {
        return primary(target);
    }

    /** {@code en->es}: how the pair reads in logs and error messages. */
    @Override
    public String toString() {
        return source + "->" + target;
    }

    private static String primary(String tag) {
        int dash = tag.indexOf('-');
        return dash < 0 ? tag : tag.substring(0, dash);
    }

    private static String normalise(String tag, String name) {
        Objects.requireNonNull(tag, name);
        String trimmed = tag.trim().replace('_', '-');
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException(name + " language must not be blank");
        }
        return Locale.forLanguageTag(trimmed).toLanguageTag();
    }
}
