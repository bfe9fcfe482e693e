package dev.subtitles.downloader.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.subtitles.downloader.provider.Candidate;

class CachedCandidatesTest {

    @Test
    void candidatesSurviveTheRoundTripInOrderWithTheirProvider() {
        List<Candidate> candidates = List.of(
                new Candidate("opensubtitles", "501", "es", "Tide Tables", 2021, "tt9900077", null, null,
                        "Tide.Tables.2021.1080p.WEB", true, false, 5000),
                new Candidate("opensubtitles", "502", "en", "Night Market", null, null, 1, 2, null, false, true,
                        9_000_000_000L));

        assertThat(CachedCandidates.decode("opensubtitles", CachedCandidates.encode(candidates)))
                .isEqualTo(candidates);
    }

    @Test
    void noCandidatesIsAnEmptyArray() {
        assertThat(CachedCandidates.encode(List.of())).isEqualTo("[]");
        assertThat(CachedCandidates.decode("opensubtitles", "[]")).isEmpty();
    }

    @Test
    void fieldsAreStoredByPositionWithoutNames() {
        Candidate candidate = new Candidate("opensubtitles", "501", "es", "Tide Tables", 2021, null, null, null,
                null, true, false, 7);

        assertThat(CachedCandidates.encode(List.of(candidate)))
                .isEqualTo("[[\"501\",\"es\",\"Tide Tables\",2021,null,null,null,null,1,0,7]]");
    }

    @Test
    void somethingElseIsRefused() {
        assertThatThrownBy(() -> CachedCandidates.decode("opensubtitles", "{\"reference\":\"501\"}"))
                .isInstanceOf(RuntimeException.class);
    }
}
