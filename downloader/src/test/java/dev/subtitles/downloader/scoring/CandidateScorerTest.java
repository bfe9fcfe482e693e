package dev.subtitles.downloader.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.subtitles.downloader.provider.Candidate;
import dev.subtitles.downloader.provider.SearchQuery;

class CandidateScorerTest {

    private final CandidateScorer scorer = new CandidateScorer();

    private static SearchQuery film(String title, Integer year, String imdbId, String hash) {
        return new SearchQuery(title, year, imdbId, null, null, hash, null, null, List.of("es"));
    }

    private static Candidate candidate(String ref, String title, Integer year, String imdbId, boolean hashMatch,
            long downloads) {
        return new Candidate("p", ref, "es", title, year, imdbId, null, null, null, hashMatch, false, downloads);
    }

    @Test
    void hashMatchOutranksIdAndTitleMatches() {
        SearchQuery query = film("Paper Boats", 2015, "tt9900002", "8e245d9679d31e12");
        Candidate byHash = candidate("hash", null, null, null, true, 0);
        Candidate byEverythingElse = candidate("rest", "Paper Boats", 2015, "tt9900002", false, 1_000_000);

        List<ScoredCandidate> ranked = scorer.rank(query, List.of(byEverythingElse, byHash));

        assertThat(ranked).extracting(s -> s.candidate().reference()).containsExactly("hash", "rest");
    }

    @Test
    void idMatchOutranksTitleAndYear() {
        SearchQuery query = film("Paper Boats", 2015, "tt9900002", null);
        Candidate byId = candidate("id", "Paper Boats (Director's cut)", null, "tt9900002", false, 0);
        Candidate byTitle = candidate("title", "Paper Boats", 2015, null, false, 5_000);

        assertThat(scorer.rank(query, List.of(byTitle, byId))).extracting(s -> s.candidate().reference())
                .containsExactly("id", "title");
    }

    @Test
    void downloadCountOnlyBreaksTies() {
        SearchQuery query = film("Paper Boats", 2015, null, null);
        Candidate popular = candidate("popular", "Paper Boats", 2015, null, false, 90_000);
        Candidate obscure = candidate("obscure", "Paper Boats", 2015, null, false, 3);

        assertThat(scorer.rank(query, List.of(obscure, popular))).extracting(s -> s.candidate().reference())
                .containsExactly("popular", "obscure");
    }

    @Test
    void candidateForAnotherYearIsDropped() {
        SearchQuery query = film("Paper Boats", 2015, null, null);

        assertThat(scorer.score(query, candidate("remake", "Paper Boats", 1998, null, false, 0))).isEmpty();
    }

    @Test
    void candidateForAnotherEpisodeIsDropped() {
        SearchQuery query = new SearchQuery("Night Market", null, null, 1, 2, null, null, null, List.of("en"));
        Candidate other = new Candidate("p", "e1", "en", "Night Market", null, null, 1, 1, null, false, false, 0);

        assertThat(scorer.score(query, other)).isEmpty();
    }

    @Test
    void matchedAttributesAreRecordedByName() {
        SearchQuery query = film("Paper Boats", 2015, "tt9900002", null);

        ScoredCandidate scored = scorer.score(query, candidate("x", "paper.boats", 2015, "tt9900002", false, 0))
                .orElseThrow();

        assertThat(scored.matchNames()).containsExactly("imdb_id", "title", "year");
        assertThat(scored.score()).isEqualTo(400 + 120 + 40);
    }

    @Test
    void imdbIdsCompareByNumber() {
        assertThat(CandidateScorer.sameImdbId("tt0111161", "111161")).isTrue();
    }
}
