package dev.subtitles.translator.job;

import dev.subtitles.common.store.StoredSubtitleFile;

/**
 * A stored translation and what the {@code subtitle.translated} event says about it.
 *
 * @param file the stored file
 * @param cueCount the number of cues, the same as in the source
 */
public record TranslatedFile(StoredSubtitleFile file, int cueCount) {
}
