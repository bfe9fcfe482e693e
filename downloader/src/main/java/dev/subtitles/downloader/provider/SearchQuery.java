package dev.subtitles.downloader.provider;

import java.util.List;

/**
 * What a provider is asked to find: one video, in any of a few languages.
 *
 * @param title video or show title, may be {@code null} when an id is given
 * @param year release year, or {@code null}
 * @param imdbId IMDb id such as {@code tt0111161}, or {@code null}
 * @param season season number of an episode, or {@code null} for a film
 * @param episode episode number, or {@code null} for a film
 * @param fileHash OpenSubtitles movie hash of the user's file, or {@code null}
 * @param release release name of the user's file (its name without extension), or {@code null}
 * @param hearingImpaired whether subtitles for the hearing impaired are wanted; {@code null} for no preference
 * @param languages ISO 639-1 codes, target language first
 */
public record SearchQuery(String title, Integer year, String imdbId, Integer season, Integer episode, String fileHash,
        String release, Boolean hearingImpaired, List<String> languages) {

    public SearchQuery {
        languages = List.copyOf(languages);
    }

    /** Whether the query names an episode of a show rather than a film. */
    public boolean isEpisode() {
        return season != null || episode != null;
    }
}
