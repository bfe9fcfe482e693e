package dev.subtitles.downloader.encoding;

import java.nio.charset.Charset;

/**
 * Text decoded from a downloaded file, with the charset it was read in (kept for logs and diagnostics).
 *
 * @param text the content, without a byte order mark
 * @param charset the charset the bytes were decoded with
 * @param how which rule chose the charset
 */
public record DecodedText(String text, Charset charset, Detection how) {

    /** The rule that chose the charset, from the most to the least certain. */
    public enum Detection {
        BYTE_ORDER_MARK,
        UTF16_NULL_PATTERN,
        STRICT_UTF8,
        DETECTOR,
        LANGUAGE_FALLBACK
    }
}
