package dev.subtitles.downloader.search;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

import dev.subtitles.downloader.provider.SearchQuery;

/**
 * The Redis key of one provider's answer to one query: {@code <prefix>search:v1:<provider>:<digest>}, the digest
 * being the first 128 bits of the SHA-256 of the {@link #normalized} query, so that keys are short whatever the
 * title. {@code v1} names the format of the cached value ({@link CachedCandidates}); a new format takes a new version
 * and ignores the old entries, which expire.
 * <p>
 * Two queries share a key when every provider answers them alike: the title compared without case, accents' encoding
 * (Unicode NFKC) or extra spaces, as providers' searches do; the IMDb id by its number; the file hash without case.
 * The languages stay as given, in order: they are the wanted codes and a provider may rank by their order.
 */
public final class SearchKey {

    private static final String VERSION = "v1";
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final char SEPARATOR = '\u001f';

    private SearchKey() {
    }

    /** The key of {@code provider}'s answer to {@code query}, under {@code prefix}. */
    public static String of(String prefix, String provider, SearchQuery query) {
        return prefix + "search:" + VERSION + ":" + provider + ":" + digest(normalized(query));
    }

    /**
     * The query as one string, in which two queries are equal when providers answer them alike (see the class): the
     * fields in a fixed order, separated by a control character no field contains, an absent field empty.
     */
    static String normalized(SearchQuery query) {
        return String.join(String.valueOf(SEPARATOR), text(query.title()), number(query.year()),
                imdbNumber(query.imdbId()), number(query.season()), number(query.episode()), lower(query.fileHash()),
                text(query.release()), query.hearingImpaired() == null ? "" : query.hearingImpaired().toString(),
                String.join(",", query.languages()));
    }

    private static String text(String value) {
        if (value == null) {
            return "";
        }
        return SPACES.matcher(Normalizer.normalize(value, Normalizer.Form.NFKC)).replaceAll(" ").strip()
                .toLowerCase(Locale.ROOT);
    }

    private static String lower(String value) {
        return value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
    }

    private static String number(Integer value) {
        return value == null ? "" : value.toString();
    }

    /** {@code tt0133093} and {@code tt00133093} name one title: its number, without leading zeros. */
    private static String imdbNumber(String imdbId) {
        if (imdbId == null) {
            return "";
        }
        String number = imdbId.strip().toLowerCase(Locale.ROOT).replaceFirst("^tt", "").replaceFirst("^0+(?=\\d)",
                "");
        return "tt" + number;
    }

    private static String digest(String normalized) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(normalized.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
