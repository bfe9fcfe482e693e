package dev.subtitles.downloader.scoring;

import java.util.Locale;

/** An attribute of a candidate that agrees with the request; recorded in {@code subtitle.ready} events. */
public enum Match {
    HASH,
    IMDB_ID,
    TITLE,
    YEAR,
    SEASON,
    EPISODE,
    RELEASE,
    HEARING_IMPAIRED;

    /** The name used in events ({@code imdb_id}). */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
