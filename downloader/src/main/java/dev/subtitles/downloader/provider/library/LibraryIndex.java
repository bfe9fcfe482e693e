package dev.subtitles.downloader.provider.library;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import dev.subtitles.downloader.provider.Candidate;

/**
 * An immutable snapshot of the subtitle files under a folder, as candidates. Rebuilt whole when the folder changes:
 * a library is small, and a snapshot never shows a half-updated state.
 */
final class LibraryIndex {

    private final List<Candidate> candidates;

    private LibraryIndex(List<Candidate> candidates) {
        this.candidates = candidates;
    }

    /** Scans {@code root} recursively; files whose names do not parse are skipped. */
    static LibraryIndex scan(Path root, String providerName) {
        try (Stream<Path> files = Files.walk(root)) {
            List<Candidate> found = files.filter(Files::isRegularFile)
                    .flatMap(file -> LibraryFileName.parse(file.getFileName().toString())
                            .map(name -> toCandidate(root, file, name, providerName))
                            .stream())
                    .toList();
            return new LibraryIndex(found);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot index subtitle library " + root, e);
        }
    }

    private static Candidate toCandidate(Path root, Path file, LibraryFileName name, String providerName) {
        String reference = root.relativize(file).toString();
        return new Candidate(providerName, reference, name.language(), name.title(), name.year(), name.imdbId(),
                name.season(), name.episode(), null, false, name.hearingImpaired(), 0);
    }

    /** Files in any of the languages; the scorer decides which are for the requested video. */
    List<Candidate> inLanguages(List<String> languages) {
        return candidates.stream().filter(c -> languages.contains(c.language())).toList();
    }

    int size() {
        return candidates.size();
    }
}
