package dev.subtitles.translator.translation;

import java.util.ArrayList;
import java.util.List;

import dev.subtitles.translator.cue.CueText;
import dev.subtitles.translator.engine.LanguagePair;
import dev.subtitles.translator.engine.TranslationEngine;
import io.smallrye.mutiny.Uni;

/**
 * Translates the text of a list of cues and nothing else: each cue keeps its position, and its styling tags,
 * dialogue dashes and line count come back around the translated words (see {@link CueText}).
 */
public final class CueTranslator {

    private final BatchTranslator batchTranslator;

    public CueTranslator(BatchTranslator batchTranslator) {
        this.batchTranslator = batchTranslator;
    }

    /**
     * @param cueLines the lines of each cue, in order
     * @return the translated lines of each cue, same order and count
     */
    public Uni<List<List<String>>> translate(TranslationEngine engine, LanguagePair pair,
            List<List<String>> cueLines) {
        List<CueText> cues = cueLines.stream().map(CueText::of).toList();
        List<String> sources = new ArrayList<>();
        for (CueText cue : cues) {
            sources.addAll(cue.sources());
        }
        return batchTranslator.translate(engine, pair, sources).map(translations -> {
            List<List<String>> translated = new ArrayList<>(cues.size());
            int next = 0;
            for (CueText cue : cues) {
                int count = cue.sources().size();
                translated.add(cue.render(translations.subList(next, next + count)));
                next += count;
            }
            return translated;
        });
    }
}
