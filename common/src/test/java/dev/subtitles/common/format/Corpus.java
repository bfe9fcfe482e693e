package dev.subtitles.common.format;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads the subtitle fixtures under {@code src/test/resources/subtitles/} byte for byte, as UTF-8. */
final class Corpus {

    private Corpus() {
    }

    static String read(String name) {
        try (InputStream in = Corpus.class.getResourceAsStream("/subtitles/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture named " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SubtitleFormat formatOf(String name) {
        return SubtitleFormat.fromName(name.substring(name.lastIndexOf('.') + 1));
    }
}
