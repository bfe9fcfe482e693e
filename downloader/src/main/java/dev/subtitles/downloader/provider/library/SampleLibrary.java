package dev.subtitles.downloader.provider.library;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The sample library shipped inside the application ({@code src/main/resources/library}), so that a fresh install
 * finds something. Its files are listed in {@code library/index.txt}, because a folder inside a jar cannot be
 * listed, and are copied to a temporary folder that is then indexed like any other.
 */
final class SampleLibrary {

    private static final String ROOT = "library/";

    private SampleLibrary() {
    }

    /** Copies the sample files to a fresh temporary folder and returns it. */
    static Path extract() {
        try {
            Path target = Files.createTempDirectory("subtitle-library");
            for (String name : listing()) {
                Path file = target.resolve(name);
                Files.createDirectories(file.getParent());
                try (InputStream in = resource(ROOT + name)) {
                    Files.copy(in, file);
                }
            }
            target.toFile().deleteOnExit();
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot extract the sample subtitle library", e);
        }
    }

    private static List<String> listing() throws IOException {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(resource(ROOT + "index.txt"), StandardCharsets.UTF_8))) {
            return reader.lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        }
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IOException("Missing resource " + name);
        }
        return in;
    }
}
