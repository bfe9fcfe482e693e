package dev.subtitles.downloader.scoring;

import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.subtitles.downloader.provider.Candidate;
import dev.subtitles.downloader.provider.SearchQuery;

/**
 * Ranks candidates by how well they match the request, with the weights of {@link ScoringWeights}.
 */
@ApplicationScoped
public class CandidateScorer {

    /** Best first; ties keep the order the providers returned them in. */
    public static final Comparator<ScoredCandidate> BEST_FIRST = Comparator.comparingInt(ScoredCandidate::score)
            .reversed();

    /** Scores all candidates that may be for the requested video and sorts them best first. */
    public List<ScoredCandidate> rank(SearchQuery query, List<Candidate> candidates) {
        return candidates.stream()
                .map(candidate -> score(query, candidate))
                .flatMap(Optional::stream)
                .sorted(BEST_FIRST)
                .toList();
    }

    /** The candidate's score, or empty when one of its attributes says it is for another video. */
    public Optional<ScoredCandidate> score(SearchQuery query, Candidate candidate) {
        if (contradicts(query.imdbId(), candidate.imdbId()) || contradicts(query.year(), candidate.year())
                || contradicts(query.season(), candidate.season())
                || contradicts(query.episode(), candidate.episode())) {
            return Optional.empty();
        }
        Set<Match> matches = EnumSet.noneOf(Match.class);
        if (candidate.hashMatch() && query.fileHash() != null) {
            matches.add(Match.HASH);
        }
        if (query.imdbId() != null && sameImdbId(query.imdbId(), candidate.imdbId())) {
            matches.add(Match.IMDB_ID);
        }
        if (query.title() != null && normalize(query.title()).equals(normalize(candidate.title()))) {
            matches.add(Match.TITLE);
        }
        if (query.year() != null && query.year().equals(candidate.year())) {
            matches.add(Match.YEAR);
        }
        if (query.season() != null && query.season().equals(candidate.season())) {
            matches.add(Match.SEASON);
        }
        if (query.episode() != null && query.episode().equals(candidate.episode())) {
            matches.add(Match.EPISODE);
        }
        if (query.release() != null && candidate.releaseName() != null
                && normalize(query.release()).equals(normalize(candidate.releaseName()))) {
            matches.add(Match.RELEASE);
        }
        if (query.hearingImpaired() != null && query.hearingImpaired() == candidate.hearingImpaired()) {
            matches.add(Match.HEARING_IMPAIRED);
        }
        if (!identifiesVideo(matches)) {
            return Optional.empty();
        }
        int score = matches.stream().mapToInt(ScoringWeights::weight).sum()
                + ScoringWeights.popularity(candidate.downloadCount());
        return Optional.of(new ScoredCandidate(candidate, score, matches));
    }

    /** A candidate counts only if something ties it to the video: a hash, an id or the title. */
    private static boolean identifiesVideo(Set<Match> matches) {
        return matches.contains(Match.HASH) || matches.contains(Match.IMDB_ID) || matches.contains(Match.TITLE);
    }

    private static boolean contradicts(Object requested, Object offered) {
        if (requested == null || offered == null) {
            return false;
        }
        if (requested instanceof String a && offered instanceof String b) {
            return !sameImdbId(a, b);
        }
        return !Objects.equals(requested, offered);
    }

    /** IMDb ids compare by number: {@code tt0111161}, {@code tt111161} and {@code 111161} are the same film. */
    static boolean sameImdbId(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        return imdbNumber(a).equals(imdbNumber(b));
    }

    private static String imdbNumber(String id) {
        String digits = id.toLowerCase(Locale.ROOT).replace("tt", "").replaceFirst("^0+", "");
        return digits.isEmpty() ? "0" : digits;
    }

    static String normalize(String text) {
        return text == null ? "" : text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", "");
    }
}
