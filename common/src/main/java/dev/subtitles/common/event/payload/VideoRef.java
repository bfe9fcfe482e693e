package dev.subtitles.common.event.payload;

import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The video a job wants subtitles for. Only the title is required; every other field, when known, helps providers
 * find a subtitle that matches this exact release.
 *
 * @param title the video's title (for an episode, the series title)
 * @param year release year, or {@code null}
 * @param imdbId IMDb id such as {@code tt0133093}, or {@code null}
 * @param tmdbId The Movie Database id, or {@code null}
 * @param season season number of an episode (0 for specials), or {@code null} for a movie
 * @param episode episode number, or {@code null} for a movie
 * @param fileHash hash of the video file as providers compute it (e.g. the OpenSubtitles hash), or {@code null}
 * @param url where the video was found, or {@code null}
 */
public record VideoRef(
        @JsonProperty(required = true) String title,
        Integer year,
        String imdbId,
        Integer tmdbId,
        Integer season,
        Integer episode,
        String fileHash,
        String url) {

    private static final Pattern IMDB_ID = Pattern.compile("tt\\d{7,10}");

    public VideoRef {
        Require.nonBlank(title, "video title");
        Require.nullOrAtLeast(year, 1, "video year");
        if (imdbId != null && !IMDB_ID.matcher(imdbId).matches()) {
            throw new IllegalArgumentException("video imdbId must look like tt0133093, was '" + imdbId + "'");
        }
        Require.nullOrAtLeast(tmdbId, 1, "video tmdbId");
        Require.nullOrAtLeast(season, 0, "video season");
        Require.nullOrAtLeast(episode, 0, "video episode");
        Require.nullOrNonBlank(fileHash, "video fileHash");
        Require.nullOrNonBlank(url, "video url");
    }

    /** A movie or other video known only by its title. */
    public static VideoRef titled(String title) {
        return new VideoRef(title, null, null, null, null, null, null, null);
    }
}
