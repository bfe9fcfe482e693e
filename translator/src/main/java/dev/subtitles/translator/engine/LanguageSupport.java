package dev.subtitles.translator.engine;

import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which language pairs an engine translates. A pair is supported when the engine lists a pair of the same primary
 * languages: a request for {@code es-MX} is served by an engine that lists {@code es}, and one for {@code en} by an
 * engine that lists only {@code en-US} and {@code en-GB} as targets.
 */
public interface LanguageSupport {

    /** Whether the engine can translate {@code pair}. */
    boolean supports(LanguagePair pair);

    /** What the engine supports, worded for an error message. */
    String describe();

    /** Whether the engine translates no pair at all (a language-data install without a pair). */
    boolean isEmpty();

    /** An engine that lists the pairs it translates. */
    static LanguageSupport pairs(Set<LanguagePair> pairs) {
        Set<LanguagePair> primaries = pairs.stream()
                .map(pair -> new LanguagePair(pair.sourceLanguage(), pair.targetLanguage()))
                .collect(Collectors.toUnmodifiableSet());
        return new ListedPairs(pairs, primaries);
    }

    /** An engine that takes any pair (a language model): whether it translates well is for its operator to know. */
    static LanguageSupport any() {
        return AnyPair.INSTANCE;
    }

    /** The pairs of a listing engine. */
    record ListedPairs(Set<LanguagePair> pairs, Set<LanguagePair> primaries) implements LanguageSupport {

        /** Engines that translate between any of 30 languages list 870 pairs: a message names the first ones. */
        private static final int MAX_DESCRIBED = 40;

        @Override
        public boolean supports(LanguagePair pair) {
            return primaries.contains(new LanguagePair(pair.sourceLanguage(), pair.targetLanguage()));
        }

        @Override
        public boolean isEmpty() {
            return pairs.isEmpty();
        }

        @Override
        public String describe() {
            if (pairs.isEmpty()) {
                return "no pairs";
            }
            String listed = pairs.stream().map(LanguagePair::toString).sorted().limit(MAX_DESCRIBED)
                    .collect(Collectors.joining(", "));
            return pairs.size() <= MAX_DESCRIBED ? listed : listed + ", ... (" + pairs.size() + " pairs in all)";
        }
    }

    /** The support of an engine that takes any pair. */
    enum AnyPair implements LanguageSupport {
        INSTANCE;

        @Override
        public boolean supports(LanguagePair pair) {
            return true;
        }

        @Override
        public String describe() {
            return "any pair";
        }

        @Override
        public boolean isEmpty() {
            return false;
        }
    }
}
