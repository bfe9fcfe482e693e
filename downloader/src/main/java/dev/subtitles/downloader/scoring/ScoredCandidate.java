package dev.subtitles.downloader.scoring;

import java.util.List;
import java.util.Set;

import dev.subtitles.downloader.provider.Candidate;

/**
 * A candidate with its score and the attributes that matched the request.
 */
public record ScoredCandidate(Candidate candidate, int score, Set<Match> matches) {

    public ScoredCandidate {
        matches = Set.copyOf(matches);
    }

    /** Matched attributes by their event names, in weight order. */
    public List<String> matchNames() {
        return matches.stream().sorted().map(Match::wireName).toList();
    }
}
