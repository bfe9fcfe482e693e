package dev.subtitles.downloader.encoding;

import java.nio.charset.Charset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The legacy 8-bit (or national multi-byte) charsets subtitles in a language are usually written in.
 * <p>
 * Old subtitle files carry no charset label, and a statistical detector guesses badly on a few hundred bytes of
 * dialogue. Knowing the language of the file narrows the choice: a Czech file that is not UTF-8 is almost always
 * windows-1250, a Russian one windows-1251. The first charset of each family is the fallback; the others are
 * variants a detector may name for the same text.
 */
final class LanguageCharsets {

    private static final List<String> WESTERN = List.of("windows-1252", "ISO-8859-1", "ISO-8859-15");
    private static final List<String> CENTRAL_EUROPEAN = List.of("windows-1250", "ISO-8859-2");
    private static final List<String> CYRILLIC = List.of("windows-1251", "KOI8-R", "ISO-8859-5", "IBM866");

    private static final Map<String, List<String>> BY_LANGUAGE = Map.ofEntries(
            Map.entry("cs", CENTRAL_EUROPEAN), Map.entry("sk", CENTRAL_EUROPEAN), Map.entry("pl", CENTRAL_EUROPEAN),
            Map.entry("hu", CENTRAL_EUROPEAN), Map.entry("sl", CENTRAL_EUROPEAN), Map.entry("hr", CENTRAL_EUROPEAN),
            Map.entry("bs", CENTRAL_EUROPEAN), Map.entry("ro", CENTRAL_EUROPEAN), Map.entry("sq", CENTRAL_EUROPEAN),
            Map.entry("ru", CYRILLIC), Map.entry("uk", CYRILLIC), Map.entry("bg", CYRILLIC), Map.entry("sr", CYRILLIC),
            Map.entry("mk", CYRILLIC), Map.entry("be", CYRILLIC),
            Map.entry("el", List.of("windows-1253", "ISO-8859-7")),
            Map.entry("tr", List.of("windows-1254", "ISO-8859-9")),
            Map.entry("he", List.of("windows-1255", "ISO-8859-8")),
            Map.entry("ar", List.of("windows-1256", "ISO-8859-6")),
            Map.entry("lt", List.of("windows-1257", "ISO-8859-13")), Map.entry("lv", List.of("windows-1257", "ISO-8859-13")),
            Map.entry("et", List.of("windows-1257", "ISO-8859-13")),
            Map.entry("vi", List.of("windows-1258")),
            Map.entry("th", List.of("x-windows-874", "TIS-620")),
            Map.entry("zh", List.of("GB18030", "GBK", "GB2312", "Big5")),
            Map.entry("ja", List.of("Shift_JIS", "EUC-JP")),
            Map.entry("ko", List.of("EUC-KR")));

    private LanguageCharsets() {
    }

    /** The charset assumed for a non-UTF-8 file in {@code language} when nothing better is known. */
    static Charset fallback(String language) {
        return Charset.forName(family(language).get(0));
    }

    /** Whether a detector's guess is believable for a file in {@code language}. */
    static boolean plausible(String language, Charset detected) {
        Set<String> names = detected.aliases();
        return family(language).stream()
                .map(Charset::forName)
                .anyMatch(candidate -> candidate.equals(detected) || names.contains(candidate.name()));
    }

    private static List<String> family(String language) {
        String primary = language == null ? "" : language.toLowerCase(Locale.ROOT).split("[-_]")[0];
        return BY_LANGUAGE.getOrDefault(primary, WESTERN);
    }
}
