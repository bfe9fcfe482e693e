package dev.subtitles.common.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which timestamp spellings are read, and as what. */
class TimestampsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "00:00:01,000 | 1000",
            "00:00:01.000 | 1000",
            "01:02:03,456 | 3723456",
            "1:02:03,456 | 3723456",
            "1000:00:00.000 | 3600000000",
            "02:03.456 | 123456",
            "00:00:01,5 | 1500",
            "00:00:01,05 | 1050",
            "00:00:01 | 1000",
            "00:59:59,999 | 3599999" })
    void readsTimestamp(String text, long millis) {
        assertThat(Timestamps.parse(text)).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "00", "00:0", "0:0:01,000", "00:00:1,000", "00:60:00,000", "00:00:60,000",
            "00:00:01,0000", "00:00:01,", "00:00:01;000", "12345:00:00,000", "00:00:00:01,000", "a0:00:01,000",
            "00:00:01,000 ", "-00:00:01,000", "100:00.000" })
    void rejectsWhatIsNotATimestamp(String text) {
        assertThat(Timestamps.parse(text)).isNull();
    }
}
