package dev.subtitles.common.format;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the lines of one SRT or WebVTT text into a {@link Subtitle}, in one pass. One instance reads one text.
 * <p>
 * A timing line (one containing {@code -->}) always starts a cue, which is what keeps the reading tolerant: cues
 * separated by no blank line, or by several, read the same. The line just before a timing line is its label when it
 * starts a block (after a blank line or at the start): the cue number in SRT, the cue identifier in WebVTT. In SRT a
 * number directly above a timing line is a cue number even without a blank line before it.
 */
final class SubtitleReader {

    private static final int QUOTE_LIMIT = 60;

    private final List<String> lines;
    private final boolean vtt;
    private final List<Cue> cues = new ArrayList<>();
    private final List<String> vttHeader = new ArrayList<>();
    private final List<VttBlock> vttBlocks = new ArrayList<>();
    private int position;
    private boolean blockStart = true;
    private Timing timing;
    private String identifier;
    private List<String> text;

    SubtitleReader(String text, SubtitleFormat format) {
        this.lines = TextLines.split(text);
        this.vtt = format == SubtitleFormat.VTT;
    }

    Subtitle read() {
        if (vtt) {
            readVttHeader();
        }
        while (position < lines.size()) {
            String line = lines.get(position).strip();
            if (line.isEmpty()) {
                blockStart = true;
                position++;
            } else if (vtt && blockStart && isVttBlockKeyword(line)) {
                readVttBlock();
            } else if (Timing.isTimingLine(line)) {
                startCue(null, position);
            } else if (nextIsTimingLine() && (blockStart || !vtt && isNumber(line))) {
                startCue(label(line), position + 1);
            } else {
                addText(line);
            }
        }
        finishCue();
        if (cues.isEmpty()) {
            throw new SubtitleParseException(Math.max(1, lines.size()), "no subtitle cue found in the text");
        }
        return new Subtitle(cues, vttHeader, vttBlocks);
    }

    private void readVttHeader() {
        while (position < lines.size() && lines.get(position).isBlank()) {
            position++;
        }
        if (position == lines.size()) {
            throw new SubtitleParseException(Math.max(1, lines.size()),
                    "a WebVTT file starts with 'WEBVTT', the text is empty");
        }
        String signature = lines.get(position).stripTrailing();
        if (!Subtitle.isVttSignature(signature)) {
            throw new SubtitleParseException(position + 1,
                    "a WebVTT file starts with 'WEBVTT', found '" + quote(signature) + "'");
        }
        while (position < lines.size() && !lines.get(position).isBlank() && !Timing.isTimingLine(lines.get(position))) {
            vttHeader.add(lines.get(position).stripTrailing());
            position++;
        }
    }

    private void readVttBlock() {
        finishCue();
        List<String> block = new ArrayList<>();
        while (position < lines.size() && !lines.get(position).isBlank() && !Timing.isTimingLine(lines.get(position))) {
            block.add(lines.get(position).stripTrailing());
            position++;
        }
        vttBlocks.add(new VttBlock(cues.size(), block));
    }

    /** The label of the cue whose timing follows: SRT numbers are dropped (cues are renumbered), identifiers kept. */
    private String label(String line) {
        if (vtt) {
            return line;
        }
        if (!isNumber(line)) {
            throw new SubtitleParseException(position + 1,
                    "expected a cue number before the timing line, found '" + quote(line) + "'");
        }
        return null;
    }

    private void startCue(String cueIdentifier, int timingLine) {
        finishCue();
        timing = Timing.parse(lines.get(timingLine).strip(), timingLine + 1);
        identifier = cueIdentifier;
        text = new ArrayList<>(2);
        position = timingLine + 1;
        blockStart = false;
    }

    /**
     * Adds a text line to the current cue. A text block after a blank line that starts no new cue continues the
     * previous cue (blank lines inside cue text are a common fault of hand-edited SRT); the blank line itself is
     * dropped, since no format can write it inside a cue.
     */
    private void addText(String line) {
        if (!vtt && blockStart && isNumber(line)) {
            throw new SubtitleParseException(position + 1, "cue number " + quote(line) + " is not followed by a timing line");
        }
        if (timing == null) {
            throw new SubtitleParseException(position + 1,
                    "text outside any cue, expected a timing line (HH:MM:SS,mmm --> HH:MM:SS,mmm), found '" + quote(line)
                            + "'");
        }
        text.add(lines.get(position).stripTrailing());
        blockStart = false;
        position++;
    }

    private void finishCue() {
        if (timing != null) {
            cues.add(new Cue(cues.size() + 1, timing.start(), timing.end(), text, identifier,
                    vtt ? timing.settings() : null));
            timing = null;
        }
    }

    private boolean nextIsTimingLine() {
        return position + 1 < lines.size() && Timing.isTimingLine(lines.get(position + 1));
    }

    private static boolean isVttBlockKeyword(String line) {
        return isKeyword(line, "NOTE") || isKeyword(line, "STYLE") || isKeyword(line, "REGION");
    }

    private static boolean isKeyword(String line, String keyword) {
        return line.startsWith(keyword)
                && (line.length() == keyword.length() || Character.isWhitespace(line.charAt(keyword.length())));
    }

    private static boolean isNumber(String line) {
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) < '0' || line.charAt(i) > '9') {
                return false;
            }
        }
        return !line.isEmpty();
    }

    private static String quote(String line) {
        return line.length() <= QUOTE_LIMIT ? line : line.substring(0, QUOTE_LIMIT) + "...";
    }
}
