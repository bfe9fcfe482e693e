package dev.subtitles.common.format;

import java.util.Locale;

/**
 * The subtitle file formats the pipeline reads and writes.
 */
public enum SubtitleFormat {

    SRT("srt", "application/x-subrip"),
    VTT("vtt", "text/vtt");

    private final String extension;
    private final String mediaType;

    SubtitleFormat(String extension, String mediaType) {
        this.extension = extension;
        this.mediaType = mediaType;
    }

    /** File name extension without the dot, also the format's name in the API ({@code srt}, {@code vtt}). */
    public String extension() {
        return extension;
    }

    /** The HTTP content type of a file in this format. */
    public String mediaType() {
        return mediaType;
    }

    /**
     * Parses the API name of a format, case-insensitively.
     *
     * @throws IllegalArgumentException naming the accepted values when {@code name} is none of them
     */
    public static SubtitleFormat fromName(String name) {
        if (name != null) {
            for (SubtitleFormat format : values()) {
                if (format.extension.equals(name.trim().toLowerCase(Locale.ROOT))) {
                    return format;
                }
            }
        }
        throw new IllegalArgumentException("unknown subtitle format '" + name + "', expected srt or vtt");
    }
}
