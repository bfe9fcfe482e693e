package dev.subtitles.downloader.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A library folder for tests, written at start in the charsets the tests need (so no binary fixtures are kept),
 * and deleted at the end.
 */
public class TestLibrary implements QuarkusTestResourceLifecycleManager {

    /** Only in Spanish, UTF-8. */
    public static final String SPANISH_ONLY = "Quiet Orchard";
    /** Only in English: other languages need translation. */
    public static final String ENGLISH_ONLY = "Harbour Fog";
    /** French in windows-1252, German in UTF-16 with BOM. */
    public static final String LEGACY_CHARSETS = "Cafe Letters";
    public static final String FRENCH_LINE = "Déjà vu au café, une œuvre à part.";
    public static final String GERMAN_LINE = "Grüße aus der Straße, sagte Jörg.";

    private Path root;

    private static String srt(String line) {
        return "1\r\n00:00:01,000 --> 00:00:03,000\r\n" + line + "\r\n\r\n2\r\n00:00:04,000 --> 00:00:06,000\r\n"
                + "Fin.\r\n";
    }

    @Override
    public Map<String, String> start() {
        try {
            root = Files.createTempDirectory("test-library");
            write("Quiet Orchard (2019).es.srt", srt("Las manzanas caen cuando nadie mira."), StandardCharsets.UTF_8);
            write("Harbour Fog (2020).en.srt", srt("The fog keeps the harbour's secrets."), StandardCharsets.UTF_8);
            write("Cafe Letters (2018).fr.srt", srt(FRENCH_LINE), Charset.forName("windows-1252"));
            write("Cafe Letters (2018).de.srt", srt(GERMAN_LINE), StandardCharsets.UTF_16);
            return Map.of("downloader.library.path", root.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(String name, String content, Charset charset) throws IOException {
        Files.write(root.resolve(name), content.getBytes(charset));
    }

    @Override
    public void stop() {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
