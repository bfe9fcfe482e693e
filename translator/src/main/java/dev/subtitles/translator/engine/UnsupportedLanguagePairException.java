package dev.subtitles.translator.engine;

import dev.subtitles.common.event.payload.ErrorCode;

/**
 * The engine cannot translate the requested pair. The message names the pair and the pairs it does support, so
 * whoever reads the failed job knows what to ask for or which engine to configure.
 */
public class UnsupportedLanguagePairException extends PermanentEngineException {

    private static final long serialVersionUID = 1L;

    public static final String ERROR_CODE = ErrorCode.UNSUPPORTED_LANGUAGE_PAIR.name();

    public UnsupportedLanguagePairException(String engine, LanguagePair pair, LanguageSupport support) {
        super(ERROR_CODE, "engine " + engine + " cannot translate " + pair + "; it supports " + support.describe());
    }
}
