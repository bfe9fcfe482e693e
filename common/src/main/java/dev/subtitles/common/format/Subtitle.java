package dev.subtitles.common.format;

import java.util.List;

/**
 * A subtitle: its cues in file order, plus what a WebVTT file carries besides cues.
 * <p>
 * Cues are kept in the order of the file, never sorted by start time: overlapping or out-of-order timings are what
 * the author wrote, players handle them, and a translation must map cue {@code n} to cue {@code n}.
 *
 * @param cues at least one cue
 * @param vttHeader the WebVTT header block lines as read, the first starting with {@code WEBVTT} (e.g.
 *        {@code WEBVTT - Episode 3}, {@code Kind: captions}); empty when there is none (an SRT source), in which case a
 *        plain {@code WEBVTT} line is written
 * @param vttBlocks the WebVTT {@code NOTE}/{@code STYLE}/{@code REGION} blocks in file order, each positioned
 *        between cues; empty for SRT
 */
public record Subtitle(List<Cue> cues, List<String> vttHeader, List<VttBlock> vttBlocks) {

    static final String VTT_SIGNATURE = "WEBVTT";

    public Subtitle {
        cues = List.copyOf(cues);
        vttHeader = List.copyOf(vttHeader);
        vttBlocks = List.copyOf(vttBlocks);
        if (cues.isEmpty()) {
            throw new IllegalArgumentException("a subtitle has at least one cue");
        }
        if (!vttHeader.isEmpty() && !isVttSignature(vttHeader.get(0))) {
            throw new IllegalArgumentException("a WebVTT header starts with 'WEBVTT', not: " + vttHeader.get(0));
        }
        for (String line : vttHeader) {
            if (line.isBlank() || line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0 || line.contains("-->")) {
                throw new IllegalArgumentException("WebVTT header lines must be single non-blank lines: " + line);
            }
        }
        int previous = 0;
        for (VttBlock block : vttBlocks) {
            if (block.beforeCue() > cues.size() || block.beforeCue() < previous) {
                throw new IllegalArgumentException("WebVTT block at position " + block.beforeCue()
                        + " is out of order or past the " + cues.size() + " cues");
            }
            previous = block.beforeCue();
        }
    }

    /** A subtitle with cues only, as SRT files are. */
    public Subtitle(List<Cue> cues) {
        this(cues, List.of(), List.of());
    }

    /** The same subtitle, header and blocks kept, with other cues: what a translation produces. */
    public Subtitle withCues(List<Cue> newCues) {
        return new Subtitle(newCues, vttHeader, vttBlocks);
    }

    /** Whether a line is a WebVTT signature: {@code WEBVTT} alone or followed by a space or tab and free text. */
    static boolean isVttSignature(String line) {
        return line.startsWith(VTT_SIGNATURE)
                && (line.length() == VTT_SIGNATURE.length() || line.charAt(VTT_SIGNATURE.length()) == ' '
                        || line.charAt(VTT_SIGNATURE.length()) == '\t');
    }
}
