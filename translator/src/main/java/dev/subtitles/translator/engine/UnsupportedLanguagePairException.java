package dev.subtitles.translator.engine;

import java.util.Set;
import java.util.stream.Collectors;

/**
 * The engine cannot translate the requested pair. The message names the pair and the pairs it does support, so
 * whoever reads the failed job knows what to ask for or which engine to configure.
 */
public class UnsupportedLanguagePairException extends PermanentEngineException {

    private static final long serialVersionUID = 1L;

    public static final String ERROR_CODE = "UNSUPPORTED_LANGUAGE_PAIR";

    /** Engines that translate between any of 30 languages support 870 pairs: a message lists the first ones. */
    private static final int MAX_LISTED = 40;

    public UnsupportedLanguagePairException(String engine, LanguagePair pair, Set<LanguagePair> supported) {
        super(ERROR_CODE, "engine " + engine + " cannot translate " + pair + "; it supports "
                + (supported.isEmpty() ? "no pairs" : describe(supported)));
    }

    private static String describe(Set<LanguagePair> supported) {
        String listed = supported.stream().map(LanguagePair::toString).sorted().limit(MAX_LISTED)
                .collect(Collectors.joining(", "));
        return supported.size() <= MAX_LISTED ? listed : listed + ", ... (" + supported.size() + " pairs in all)";
    }
}
