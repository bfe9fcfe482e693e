package dev.subtitles.translator.engine.apertium;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.subtitles.translator.engine.LanguagePair;

/**
 * The translation modes an Apertium installation has ({@code eng-spa}, {@code spa-eng_US}) and the language pairs
 * they translate. Apertium names languages with ISO 639-3 codes ({@code eng}), the pipeline with BCP 47 tags
 * ({@code en}); a mode's {@code _US} suffix is a target variant ({@code en-US}).
 */
final class ApertiumModes {

    private static final Map<String, String> ISO3_TO_TAG = iso3ToTag();

    private final Map<LanguagePair, String> modeByPair;

    private ApertiumModes(Map<LanguagePair, String> modeByPair) {
        this.modeByPair = modeByPair;
    }

    /** Reads the output of {@code apertium -l}: one mode per line. Modes in unknown languages are left out. */
    static ApertiumModes parse(String listing) {
        return of(Arrays.asList(listing.split("\\R")));
    }

    /** The modes named {@code <source>-<target>} ({@code eng-spa}); others and unknown languages are left out. */
    static ApertiumModes of(Collection<String> names) {
        Map<LanguagePair, String> modes = new LinkedHashMap<>();
        for (String name : names) {
            String mode = name.strip();
            String[] languages = mode.split("-");
            if (languages.length != 2) {
                continue;
            }
            Optional<String> source = tag(languages[0]);
            Optional<String> target = tag(languages[1]);
            if (source.isPresent() && target.isPresent()) {
                modes.put(new LanguagePair(source.get(), target.get()), mode);
            }
        }
        return new ApertiumModes(modes);
    }

    Set<LanguagePair> pairs() {
        return modeByPair.keySet();
    }

    /**
     * The mode for {@code pair}: the exact pair, else the pair of primary languages (a request for {@code es-MX}
     * is served by {@code eng-spa}).
     */
    Optional<String> modeFor(LanguagePair pair) {
        String exact = modeByPair.get(pair);
        if (exact != null) {
            return Optional.of(exact);
        }
        return Optional.ofNullable(modeByPair.get(new LanguagePair(pair.sourceLanguage(), pair.targetLanguage())));
    }

    /** {@code eng} → {@code en}, {@code eng_US} → {@code en-US}; a code with no ISO 639-1 twin stays as it is. */
    private static Optional<String> tag(String apertiumCode) {
        String[] parts = apertiumCode.split("_", 2);
        String language = ISO3_TO_TAG.getOrDefault(parts[0], parts[0]);
        if (!language.matches("[a-z]{2,3}")) {
            return Optional.empty();
        }
        return Optional.of(parts.length == 2 ? language + "-" + parts[1] : language);
    }

    private static Map<String, String> iso3ToTag() {
        Map<String, String> map = new HashMap<>();
        for (String language : Locale.getISOLanguages()) {
            map.put(Locale.forLanguageTag(language).getISO3Language(), language);
        }
        return Map.copyOf(map);
    }
}
