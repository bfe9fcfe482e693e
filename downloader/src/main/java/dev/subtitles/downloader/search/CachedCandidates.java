package dev.subtitles.downloader.search;

import java.util.ArrayList;
import java.util.List;

import dev.subtitles.downloader.provider.Candidate;
import io.vertx.core.json.JsonArray;

/**
 * A provider's candidates as the search cache stores them: one JSON array per candidate, its fields by position
 * (reference, language, title, year, IMDb id, season, episode, release name, hash match, hearing impaired, download
 * count; booleans as 0 or 1), without the provider's name, which is in the key. An empty list is {@code []}: "the
 * provider found nothing" is cached too.
 */
final class CachedCandidates {

    private CachedCandidates() {
    }

    static String encode(List<Candidate> candidates) {
        JsonArray all = new JsonArray();
        for (Candidate c : candidates) {
            all.add(new JsonArray().add(c.reference()).add(c.language()).add(c.title()).add(c.year()).add(c.imdbId())
                    .add(c.season()).add(c.episode()).add(c.releaseName()).add(c.hashMatch() ? 1 : 0)
                    .add(c.hearingImpaired() ? 1 : 0).add(c.downloadCount()));
        }
        return all.encode();
    }

    /** The candidates {@link #encode} wrote for {@code provider}; fails on anything else. */
    static List<Candidate> decode(String provider, String encoded) {
        JsonArray all = new JsonArray(encoded);
        List<Candidate> candidates = new ArrayList<>(all.size());
        for (int i = 0; i < all.size(); i++) {
            JsonArray c = all.getJsonArray(i);
            candidates.add(new Candidate(provider, c.getString(0), c.getString(1), c.getString(2), c.getInteger(3),
                    c.getString(4), c.getInteger(5), c.getInteger(6), c.getString(7), c.getInteger(8) == 1,
                    c.getInteger(9) == 1, c.getLong(10)));
        }
        return List.copyOf(candidates);
    }
}
