package dev.subtitles.downloader.provider;

import java.util.List;

import dev.subtitles.common.event.payload.VideoRef;

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

    /**
     * The query for {@code video} in {@code languages}: its fields as given, and as release name the file name of its
     * URL without folders and extension, which is usually the release name.
     */
    public static SearchQuery of(VideoRef video, Boolean hearingImpaired, List<String> languages) {
        return new SearchQuery(video.title(), video.year(), video.imdbId(), video.season(), video.episode(),
                video.fileHash(), releaseName(video.url()), hearingImpaired, languages);
    }

    private static String releaseName(String url) {
        if (url == null) {
            return null;
        }
        String name = url.substring(url.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** Whether the query names an episode of a show rather than a film. */
    public boolean isEpisode() {
        return season != null || episode != null;
    }
}
