package dev.subtitles.common.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventTimesTest {

    @ParameterizedTest
    @ValueSource(strings = { "2026-11-25T14:01:30.123456Z", "2026-01-01T00:00:00Z", "1999-12-31T23:59:59.999999999Z",
            "0999-03-04T05:06:07.000001Z", "2024-02-29T12:00:00.100Z" })
    void writesSixFractionDigitsInUtcAndReadsBack(String text) {
        Instant time = Instant.parse(text);
        String written = EventTimes.format(time);

        assertThat(written).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z");
        assertThat(EventTimes.parse(written)).isEqualTo(time.truncatedTo(ChronoUnit.MICROS));
    }

    @ParameterizedTest
    @ValueSource(strings = { "2026-11-25T15:01:30.123456+01:00", "2026-11-25T14:01:30.123456Z",
            "2026-11-25T14:01:30.123456000Z", "2026-11-25T14:01:30.123456+00:00" })
    void readsAnyOffsetAsTheSameInstant(String text) {
        assertThat(EventTimes.parse(text)).isEqualTo(Instant.parse("2026-11-25T14:01:30.123456Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "2026-13-25T14:01:30.123456Z", "2026-02-30T14:01:30.123456Z", "2026-11-25T14:01:30.123456",
            "25.11.2026 14:01", "2026-11-25T24:01:30.123456Z", "2026-11-25t14:01:30.12345xZ" })
    void refusesWhatIsNoRfc3339Timestamp(String text) {
        assertThatThrownBy(() -> EventTimes.parse(text)).isInstanceOf(DateTimeParseException.class);
    }
}
