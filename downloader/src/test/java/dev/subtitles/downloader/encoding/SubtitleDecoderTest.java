package dev.subtitles.downloader.encoding;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import dev.subtitles.downloader.encoding.DecodedText.Detection;

class SubtitleDecoderTest {

    private static final String SPANISH = "1\n00:00:01,000 --> 00:00:02,000\n¿Cómo llegó una concha hasta aquí? Señor Núñez.\n";
    private static final String CZECH = "1\n00:00:01,000 --> 00:00:02,000\nPřelož ten roh dolů. Moje loďka se potopí.\n";

    private final SubtitleDecoder decoder = new SubtitleDecoder();

    @Test
    void utf8WithByteOrderMarkLosesTheMark() {
        byte[] bom = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };
        byte[] body = SPANISH.getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, bytes, 0, bom.length);
        System.arraycopy(body, 0, bytes, bom.length, body.length);

        DecodedText decoded = decoder.decode(bytes, "es");

        assertThat(decoded.text()).isEqualTo(SPANISH);
        assertThat(decoded.how()).isEqualTo(Detection.BYTE_ORDER_MARK);
    }

    @Test
    void utf16WithByteOrderMarkIsDecoded() {
        DecodedText decoded = decoder.decode(SPANISH.getBytes(StandardCharsets.UTF_16), "es");

        assertThat(decoded.text()).isEqualTo(SPANISH);
        assertThat(decoded.how()).isEqualTo(Detection.BYTE_ORDER_MARK);
    }

    @Test
    void utf16LittleEndianWithoutMarkIsRecognisedByItsZeroBytes() {
        DecodedText decoded = decoder.decode(SPANISH.getBytes(StandardCharsets.UTF_16LE), "es");

        assertThat(decoded.text()).isEqualTo(SPANISH);
        assertThat(decoded.charset()).isEqualTo(StandardCharsets.UTF_16LE);
    }

    @Test
    void validUtf8IsTakenAsUtf8() {
        DecodedText decoded = decoder.decode(CZECH.getBytes(StandardCharsets.UTF_8), "cs");

        assertThat(decoded.text()).isEqualTo(CZECH);
        assertThat(decoded.how()).isEqualTo(Detection.STRICT_UTF8);
    }

    @Test
    void windows1252SpanishIsDecodedCorrectly() {
        DecodedText decoded = decoder.decode(SPANISH.getBytes(Charset.forName("windows-1252")), "es");

        assertThat(decoded.text()).isEqualTo(SPANISH);
    }

    @Test
    void windows1250CzechFallsBackToTheCentralEuropeanCharset() {
        DecodedText decoded = decoder.decode(CZECH.getBytes(Charset.forName("windows-1250")), "cs");

        assertThat(decoded.text()).isEqualTo(CZECH);
        assertThat(decoded.charset()).isIn(Charset.forName("windows-1250"), Charset.forName("ISO-8859-2"));
    }
}
