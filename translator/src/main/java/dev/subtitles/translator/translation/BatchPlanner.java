package dev.subtitles.translator.translation;

import java.util.ArrayList;
import java.util.List;

import dev.subtitles.translator.engine.EngineLimits;

/**
 * Cuts texts into consecutive batches that fit an engine's limits, filling each batch as far as it goes: fewer,
 * fuller requests cost less (per-request overhead, rate limits) and give the engine more context.
 */
final class BatchPlanner {

    private BatchPlanner() {
    }

    static List<Batch> plan(List<String> texts, EngineLimits limits) {
        List<Batch> batches = new ArrayList<>();
        int start = 0;
        int chars = 0;
        for (int i = 0; i < texts.size(); i++) {
            int length = texts.get(i).length();
            boolean full = i - start == limits.maxItems() || (i > start && chars + length > limits.maxChars());
            if (full) {
                batches.add(new Batch(start, texts.subList(start, i)));
                start = i;
                chars = 0;
            }
            chars += length;
        }
        if (start < texts.size()) {
            batches.add(new Batch(start, texts.subList(start, texts.size())));
        }
        return batches;
    }
}
