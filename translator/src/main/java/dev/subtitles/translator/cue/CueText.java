package dev.subtitles.translator.cue;

import java.util.ArrayList;
import java.util.List;

/**
 * The text of one cue, cut into what an engine should translate and what must come back untouched.
 * <p>
 * A cue's lines become one sentence per block ({@link TextBlock}): one block for an ordinary cue, one per speaker
 * in a dialogue cue ({@code - Who?} / {@code - Me.}). {@link #sources()} gives the HTML sentences to translate;
 * {@link #render(List)} puts their translations back with the cue's styling tags, dialogue dashes and line count.
 */
public final class CueText {

    private final List<TextBlock> blocks;
    private final List<String> sources;

    private CueText(List<TextBlock> blocks) {
        this.blocks = blocks;
        this.sources = blocks.stream().filter(TextBlock::needsTranslation).map(TextBlock::html).toList();
    }

    /** Cuts a cue's lines (as the subtitle parser gives them) into blocks. */
    public static CueText of(List<String> lines) {
        List<TextBlock> blocks = new ArrayList<>();
        List<String> turn = new ArrayList<>();
        for (String line : lines) {
            if (!turn.isEmpty() && TextBlock.startsTurn(line)) {
                blocks.add(TextBlock.of(turn));
                turn = new ArrayList<>();
            }
            turn.add(line);
        }
        if (!turn.isEmpty()) {
            blocks.add(TextBlock.of(turn));
        }
        return new CueText(blocks);
    }

    /** The HTML sentences an engine should translate, in order; empty when the cue has no words. */
    public List<String> sources() {
        return sources;
    }

    /**
     * The cue's new lines.
     *
     * @param translations one translation per element of {@link #sources()}, in the same order
     */
    public List<String> render(List<String> translations) {
        if (translations.size() != sources.size()) {
            throw new IllegalArgumentException(
                    "expected " + sources.size() + " translations, got " + translations.size());
        }
        List<String> lines = new ArrayList<>();
        int next = 0;
        for (TextBlock block : blocks) {
            lines.addAll(block.needsTranslation() ? block.render(translations.get(next++)) : block.original());
        }
        return lines;
    }
}
