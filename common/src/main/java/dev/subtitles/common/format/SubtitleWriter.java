package dev.subtitles.common.format;

import java.util.List;

/**
 * Writes a {@link Subtitle} as SRT or WebVTT text, in one shape: the normalized form of whatever the parser tolerated.
 * Stateless and thread-safe. Writing in the other format than the one read is the conversion (see
 * {@link SubtitleConverter}).
 * <p>
 * The shape, which is what "well-formed" means for the round trip (a well-formed text parsed and written again is the
 * same text): UTF-8 text without BOM; LF line endings; no trailing spaces; blocks separated by exactly one blank line,
 * none before the first block; the text ends with a single LF after its last line. Times are
 * {@code HH:MM:SS,mmm} (SRT) or {@code HH:MM:SS.mmm} (WebVTT), hours on two digits or more, exactly three millisecond
 * digits, one space on each side of {@code -->}; sub-millisecond precision is truncated.
 * <ul>
 * <li>SRT: each cue is its number (1 to n, in order, whatever {@link Cue#index()} says), its timing line with nothing
 * after the end time, then its text lines. WebVTT header, blocks, identifiers and settings are not written: SRT has no
 * place for them.</li>
 * <li>WebVTT: the header block ({@link Subtitle#vttHeader()}, or a plain {@code WEBVTT} line when there is none), then
 * the {@code NOTE}/{@code STYLE}/{@code REGION} blocks and cues in their order; each cue is its identifier line if it
 * has one, its timing line followed by one space and the settings if it has any, then its text lines.</li>
 * </ul>
 */
public final class SubtitleWriter {

    private static final int CHARS_PER_CUE = 80;

    /** Writes the subtitle in the given format. */
    public String write(Subtitle subtitle, SubtitleFormat format) {
        StringBuilder out = new StringBuilder(subtitle.cues().size() * CHARS_PER_CUE);
        if (format == SubtitleFormat.VTT) {
            writeVtt(subtitle, out);
        } else {
            writeSrt(subtitle.cues(), out);
        }
        return out.toString();
    }

    private static void writeSrt(List<Cue> cues, StringBuilder out) {
        for (int i = 0; i < cues.size(); i++) {
            Cue cue = cues.get(i);
            if (i > 0) {
                out.append('\n');
            }
            out.append(i + 1).append('\n');
            writeTiming(cue, ',', out);
            out.append('\n');
            writeLines(cue.lines(), out);
        }
    }

    private static void writeVtt(Subtitle subtitle, StringBuilder out) {
        if (subtitle.vttHeader().isEmpty()) {
            out.append(Subtitle.VTT_SIGNATURE).append('\n');
        } else {
            writeLines(subtitle.vttHeader(), out);
        }
        List<VttBlock> blocks = subtitle.vttBlocks();
        int nextBlock = 0;
        List<Cue> cues = subtitle.cues();
        for (int i = 0; i <= cues.size(); i++) {
            while (nextBlock < blocks.size() && blocks.get(nextBlock).beforeCue() == i) {
                out.append('\n');
                writeLines(blocks.get(nextBlock).lines(), out);
                nextBlock++;
            }
            if (i < cues.size()) {
                out.append('\n');
                writeVttCue(cues.get(i), out);
            }
        }
    }

    private static void writeVttCue(Cue cue, StringBuilder out) {
        if (cue.identifier() != null) {
            out.append(cue.identifier()).append('\n');
        }
        writeTiming(cue, '.', out);
        if (cue.settings() != null) {
            out.append(' ').append(cue.settings());
        }
        out.append('\n');
        writeLines(cue.lines(), out);
    }

    private static void writeTiming(Cue cue, char separator, StringBuilder out) {
        Timestamps.append(out, cue.start(), separator);
        out.append(" --> ");
        Timestamps.append(out, cue.end(), separator);
    }

    private static void writeLines(List<String> lines, StringBuilder out) {
        for (String line : lines) {
            out.append(line).append('\n');
        }
    }
}
