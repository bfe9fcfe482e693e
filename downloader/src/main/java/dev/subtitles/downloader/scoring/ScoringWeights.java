package dev.subtitles.downloader.scoring;

import java.util.Map;

/**
 * The one place where candidate weights live.
 * <p>
 * The order is deliberate and each tier outweighs everything below it combined:
 * <ol>
 * <li>hash match (800): the subtitle was synced against the very file the user has;</li>
 * <li>IMDb id (400): the right video, whatever its title spelling;</li>
 * <li>title 120 + year 40 + season 40 + episode 40 (at most 240): the right video by name;</li>
 * <li>release name (30): synced with a release of the same name, so timing likely fits;</li>
 * <li>hearing-impaired preference honoured (20);</li>
 * <li>popularity: {@code 2 * log10(downloads + 1)}, at most 10, only breaks ties.</li>
 * </ol>
 * A candidate whose known attribute contradicts the request (another IMDb id, season, episode or year) is not
 * scored at all: it is for another video.
 */
public final class ScoringWeights {

    static final Map<Match, Integer> WEIGHTS = Map.of(
            Match.HASH, 800,
            Match.IMDB_ID, 400,
            Match.TITLE, 120,
            Match.YEAR, 40,
            Match.SEASON, 40,
            Match.EPISODE, 40,
            Match.RELEASE, 30,
            Match.HEARING_IMPAIRED, 20);

    static final double POPULARITY_PER_DECADE = 2.0;
    static final int POPULARITY_CAP = 10;

    private ScoringWeights() {
    }

    static int weight(Match match) {
        return WEIGHTS.get(match);
    }

    static int popularity(long downloadCount) {
        return (int) Math.min(POPULARITY_CAP, Math.round(POPULARITY_PER_DECADE * Math.log10(downloadCount + 1.0)));
    }
}
