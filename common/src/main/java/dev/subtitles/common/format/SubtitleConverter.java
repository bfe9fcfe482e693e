package dev.subtitles.common.format;

/**
 * Converts a subtitle text to SRT or WebVTT: parse in the detected format, write in the target one. Stateless and
 * thread-safe.
 * <p>
 * SRT to WebVTT gains a plain {@code WEBVTT} header and nothing else; WebVTT to SRT loses the header, the
 * {@code NOTE}/{@code STYLE}/{@code REGION} blocks, the cue identifiers and the cue settings, which SRT cannot carry.
 * Styling tags in the text are kept either way. Converting to the text's own format normalizes it.
 */
public final class SubtitleConverter {

    private final SubtitleParser parser = new SubtitleParser();
    private final SubtitleWriter writer = new SubtitleWriter();

    /**
     * Converts a subtitle text of either format.
     *
     * @throws SubtitleParseException when the text cannot be a subtitle
     */
    public String convert(String text, SubtitleFormat target) {
        return writer.write(parser.parse(text), target);
    }
}
