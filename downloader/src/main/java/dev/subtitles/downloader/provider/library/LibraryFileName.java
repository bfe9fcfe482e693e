package dev.subtitles.downloader.provider.library;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a library file's name says about the subtitle in it.
 * <p>
 * Accepted shapes (extension {@code .srt} or {@code .vtt}, the language code right before it):
 * <ul>
 * <li>{@code Title (Year).en.srt}, optionally with an IMDb id: {@code Title (Year) [tt0000001].en.srt} (in a packaged jar,
 * resource names must not contain brackets: the sample library writes {@code Title (Year) tt0000001.en.srt});</li>
 * <li>{@code Show.S01E02.es.srt} or {@code Show (2019) - S01E02.es.vtt} for episodes;</li>
 * <li>a {@code .hi} or {@code .sdh} marker before the language for hearing-impaired subtitles:
 * {@code Title (Year).hi.en.srt}.</li>
 * </ul>
 *
 * @param title the title, with dots and underscores read as spaces
 */
record LibraryFileName(String title, Integer year, String imdbId, Integer season, Integer episode, String language,
        boolean hearingImpaired) {

    private static final Pattern FILE = Pattern.compile(
            "^(?<base>.+?)(?:\\.(?<hi>hi|sdh))?\\.(?<lang>[a-z]{2,3}(?:-[a-z]{2})?)\\.(?:srt|vtt)$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern IMDB = Pattern.compile("[\\[{(]?(tt\\d{6,9})[\\]})]?", Pattern.CASE_INSENSITIVE);
    private static final Pattern EPISODE = Pattern.compile("S(\\d{1,2})E(\\d{1,3})", Pattern.CASE_INSENSITIVE);
    private static final Pattern YEAR = Pattern.compile("\\((\\d{4})\\)");

    /** Parses a file name (without folders); empty when it is not a subtitle file named as above. */
    static Optional<LibraryFileName> parse(String fileName) {
        Matcher file = FILE.matcher(fileName);
        if (!file.matches()) {
            return Optional.empty();
        }
        String base = file.group("base");
        String imdbId = null;
        Matcher imdb = IMDB.matcher(base);
        if (imdb.find()) {
            imdbId = imdb.group(1).toLowerCase(Locale.ROOT);
            base = base.substring(0, imdb.start()) + base.substring(imdb.end());
        }
        Integer season = null;
        Integer episode = null;
        Matcher ep = EPISODE.matcher(base);
        if (ep.find()) {
            season = Integer.valueOf(ep.group(1));
            episode = Integer.valueOf(ep.group(2));
            base = base.substring(0, ep.start());
        }
        Integer year = null;
        Matcher y = YEAR.matcher(base);
        if (y.find()) {
            year = Integer.valueOf(y.group(1));
            base = base.substring(0, y.start());
        }
        String title = base.replace('.', ' ').replace('_', ' ').replaceAll("[\\s-]+$", "").trim();
        if (title.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new LibraryFileName(title, year, imdbId, season, episode,
                file.group("lang").toLowerCase(Locale.ROOT), file.group("hi") != null));
    }
}
