package dev.subtitles.manager.validation;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Normalises the language of a submission to one canonical form, so that {@code pt_br}, {@code PT-BR} and
 * {@code por-BR} all name the same job language and the same idempotent request.
 * <p>
 * Accepted: an ISO 639-1 code ({@code en}), or an ISO 639-2 code, bibliographic ({@code fre}, {@code ger}) or
 * terminological ({@code fra}, {@code deu}), for a language that has an ISO 639-1 code; optionally followed by
 * {@code -} or {@code _} and a region, either an ISO 3166-1 alpha-2 country ({@code BR}) or a UN M.49 area of three
 * digits ({@code 419}). Case does not matter.
 * <p>
 * Canonical form: the lower-case ISO 639-1 code, then, when a region was given, {@code -} and the upper-case region
 * ({@code pt-BR}, {@code es-419}), i.e. the BCP 47 spelling subtitle providers use.
 */
public final class LanguageTags {

    private static final Pattern TAG = Pattern.compile("([A-Za-z]{2,3})(?:[-_]([A-Za-z]{2}|\\d{3}))?");

    /** ISO 639-2/B codes that differ from the /T codes Java knows. */
    private static final Map<String, String> BIBLIOGRAPHIC = Map.ofEntries(Map.entry("alb", "sq"),
            Map.entry("arm", "hy"), Map.entry("baq", "eu"), Map.entry("bur", "my"), Map.entry("chi", "zh"),
            Map.entry("cze", "cs"), Map.entry("dut", "nl"), Map.entry("fre", "fr"), Map.entry("geo", "ka"),
            Map.entry("ger", "de"), Map.entry("gre", "el"), Map.entry("ice", "is"), Map.entry("mac", "mk"),
            Map.entry("mao", "mi"), Map.entry("may", "ms"), Map.entry("per", "fa"), Map.entry("rum", "ro"),
            Map.entry("slo", "sk"), Map.entry("tib", "bo"), Map.entry("wel", "cy"));

    private static final Set<String> TWO_LETTER = Set.of(Locale.getISOLanguages());
    private static final Map<String, String> THREE_LETTER = threeLetterCodes();
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    private LanguageTags() {
    }

    /** The canonical form of {@code tag}, or empty when it is not an accepted language tag. */
    public static Optional<String> canonical(String tag) {
        if (tag == null) {
            return Optional.empty();
        }
        Matcher matcher = TAG.matcher(tag.trim());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        Optional<String> language = language(matcher.group(1).toLowerCase(Locale.ROOT));
        String region = matcher.group(2);
        if (region == null) {
            return language;
        }
        String upperRegion = region.toUpperCase(Locale.ROOT);
        if (!Character.isDigit(upperRegion.charAt(0)) && !COUNTRIES.contains(upperRegion)) {
            return Optional.empty();
        }
        return language.map(code -> code + "-" + upperRegion);
    }

    private static Optional<String> language(String code) {
        if (code.length() == 2) {
            return TWO_LETTER.contains(code) ? Optional.of(code) : Optional.empty();
        }
        return Optional.ofNullable(THREE_LETTER.get(code));
    }

    private static Map<String, String> threeLetterCodes() {
        Map<String, String> codes = new HashMap<>(BIBLIOGRAPHIC);
        for (String twoLetter : Locale.getISOLanguages()) {
            String threeLetter = Locale.forLanguageTag(twoLetter).getISO3Language();
            if (threeLetter.length() == 3) {
                codes.putIfAbsent(threeLetter, twoLetter);
            }
        }
        return Map.copyOf(codes);
    }
}
