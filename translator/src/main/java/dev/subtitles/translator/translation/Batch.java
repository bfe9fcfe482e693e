package dev.subtitles.translator.translation;

import java.util.List;

/**
 * Consecutive texts sent to an engine in one request.
 *
 * @param offset the position of the first text among all texts of the subtitle
 * @param texts the texts, in order
 */
record Batch(int offset, List<String> texts) {

    Batch {
        texts = List.copyOf(texts);
    }

    int size() {
        return texts.size();
    }

    /** The two halves of a batch of two or more texts, for a retry after an answer that did not match. */
    List<Batch> halves() {
        int middle = texts.size() / 2;
        return List.of(new Batch(offset, texts.subList(0, middle)),
                new Batch(offset + middle, texts.subList(middle, texts.size())));
    }
}
