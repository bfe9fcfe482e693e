package dev.subtitles.common.format;

import java.util.List;

/**
 * A WebVTT {@code NOTE}, {@code STYLE} or {@code REGION} block, kept verbatim so that a WebVTT file round-trips.
 *
 * @param beforeCue how many cues precede the block: 0 for a block before the first cue, the cue count for a block
 *        after the last one. A position rather than a link to a cue, so replacing cue texts keeps the block in place.
 * @param lines the block's lines, starting with the keyword line ({@code NOTE ...}, {@code STYLE},
 *        {@code REGION})
 */
public record VttBlock(int beforeCue, List<String> lines) {

    public VttBlock {
        if (beforeCue < 0) {
            throw new IllegalArgumentException("block position must not be negative, was " + beforeCue);
        }
        lines = List.copyOf(lines);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("a WebVTT block has at least its keyword line");
        }
        for (String line : lines) {
            if (line.isBlank() || line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
                throw new IllegalArgumentException("WebVTT block lines must be single non-blank lines: " + line);
            }
        }
    }
}
