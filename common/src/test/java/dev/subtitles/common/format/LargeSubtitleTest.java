package dev.subtitles.common.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A feature film has about 1,500 cues; reading and writing ten times that many must stay fast and exact. */
class LargeSubtitleTest {

    private static final int CUES = 20_000;

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void manyCuesRoundTripInBothFormats() {
        List<Cue> cues = new ArrayList<>(CUES);
        for (int i = 1; i <= CUES; i++) {
            cues.add(new Cue(i, Duration.ofMillis(i * 1000L), Duration.ofMillis(i * 1000L + 900),
                    List.of("<i>Line " + i + "</i>", "- and its reply")));
        }
        Subtitle subtitle = new Subtitle(cues);
        SubtitleWriter writer = new SubtitleWriter();
        SubtitleParser parser = new SubtitleParser();

        for (SubtitleFormat format : SubtitleFormat.values()) {
            String text = writer.write(subtitle, format);

            assertThat(parser.parse(text, format).cues()).isEqualTo(cues);
        }
    }
}
