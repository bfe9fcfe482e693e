package dev.subtitles.downloader.encoding;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.mozilla.universalchardet.UniversalDetector;

import dev.subtitles.downloader.encoding.DecodedText.Detection;

/**
 * Turns the bytes of a downloaded subtitle into text, whatever charset its author saved it in.
 * <p>
 * Rules, most certain first: a byte order mark; the zero-byte pattern of BOM-less UTF-16 (subtitle text is mostly
 * ASCII, so every other byte is zero); bytes that decode as strict UTF-8; juniversalchardet's guess when it is a
 * charset plausible for the subtitle's language; and finally the usual legacy charset of that language (see
 * {@link LanguageCharsets}).
 */
@ApplicationScoped
public class SubtitleDecoder {

    private static final double UTF16_MIN_ZERO_SHARE = 0.3;

    /**
     * Decodes {@code bytes} of a subtitle written in {@code language}.
     *
     * @param language ISO 639-1 code of the subtitle's language, used to choose among legacy charsets
     */
    public DecodedText decode(byte[] bytes, String language) {
        return fromByteOrderMark(bytes)
                .or(() -> fromUtf16NullPattern(bytes))
                .or(() -> strict(bytes, StandardCharsets.UTF_8).map(text -> new DecodedText(text, StandardCharsets.UTF_8,
                        Detection.STRICT_UTF8)))
                .or(() -> fromDetector(bytes, language))
                .orElseGet(() -> {
                    Charset fallback = LanguageCharsets.fallback(language);
                    return new DecodedText(new String(bytes, fallback), fallback, Detection.LANGUAGE_FALLBACK);
                });
    }

    private static Optional<DecodedText> fromByteOrderMark(byte[] bytes) {
        String name = UniversalDetector.detectCharsetFromBOM(bytes);
        if (name == null) {
            return Optional.empty();
        }
        Charset charset = Charset.forName(name);
        int bomLength = charset.equals(StandardCharsets.UTF_8) ? 3 : name.startsWith("UTF-32") ? 4 : 2;
        String text = new String(bytes, bomLength, bytes.length - bomLength, charset);
        return Optional.of(new DecodedText(text, charset, Detection.BYTE_ORDER_MARK));
    }

    private static Optional<DecodedText> fromUtf16NullPattern(byte[] bytes) {
        int evenZeros = 0;
        int oddZeros = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                if (i % 2 == 0) {
                    evenZeros++;
                } else {
                    oddZeros++;
                }
            }
        }
        double half = bytes.length / 2.0;
        Charset charset;
        if (bytes.length < 4 || bytes.length % 2 != 0) {
            return Optional.empty();
        } else if (oddZeros / half >= UTF16_MIN_ZERO_SHARE && evenZeros == 0) {
            charset = StandardCharsets.UTF_16LE;
        } else if (evenZeros / half >= UTF16_MIN_ZERO_SHARE && oddZeros == 0) {
            charset = StandardCharsets.UTF_16BE;
        } else {
            return Optional.empty();
        }
        return strict(bytes, charset).map(text -> new DecodedText(text, charset, Detection.UTF16_NULL_PATTERN));
    }

    private static Optional<DecodedText> fromDetector(byte[] bytes, String language) {
        UniversalDetector detector = new UniversalDetector();
        detector.handleData(bytes);
        detector.dataEnd();
        String name = detector.getDetectedCharset();
        if (name == null || !Charset.isSupported(name)) {
            return Optional.empty();
        }
        Charset charset = Charset.forName(name);
        if (!LanguageCharsets.plausible(language, charset)) {
            return Optional.empty();
        }
        return strict(bytes, charset).map(text -> new DecodedText(text, charset, Detection.DETECTOR));
    }

    private static Optional<String> strict(byte[] bytes, Charset charset) {
        try {
            return Optional.of(charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
