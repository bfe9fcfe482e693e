package dev.subtitles.manager.service;

import java.util.UUID;

/** The job's subtitle was found in its language, not translated: there is no source file to show. */
public class NoSourceSubtitleException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public NoSourceSubtitleException(UUID id) {
        super("job " + id + " was not translated: its subtitle was found in the language asked for");
    }
}
