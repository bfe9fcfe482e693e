package dev.subtitles.manager.rest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.hibernate.validator.constraints.URL;

import dev.subtitles.common.event.payload.VideoRef;

/** The video part of a submission; only the title is required. */
public record VideoRequest(
        @NotBlank @Size(max = 500) String title,
        @Min(1870) @Max(2100) Integer year,
        @Pattern(regexp = "tt\\d{7,10}", message = "must look like tt0133093") String imdbId,
        @Min(1) Integer tmdbId,
        @Min(0) @Max(10000) Integer season,
        @Min(0) @Max(100000) Integer episode,
        @Size(max = 128) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String fileHash,
        @Size(max = 2048) @URL String url) {

    VideoRef toVideoRef() {
        return new VideoRef(title.strip(), year, imdbId, tmdbId, season, episode, strip(fileHash), strip(url));
    }

    private static String strip(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
