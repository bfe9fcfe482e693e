package dev.subtitles.manager.rest;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.hibernate.validator.constraints.URL;

import com.fasterxml.jackson.annotation.JsonProperty;

import dev.subtitles.manager.validation.LanguageCode;

/** Body of the original subtitle manager's {@code POST /subtitles/download}, mapped onto a {@link JobRequest}. */
public record LegacyDownloadRequest(
        @JsonProperty("video_url") @Size(max = 2048) @URL String videoUrl,
        @JsonProperty("video_title") @NotBlank @Size(max = 500) String videoTitle,
        @JsonProperty("language") @NotBlank @LanguageCode String language,
        @JsonProperty("preferred_sources") @Size(max = 20) List<@NotBlank @Size(max = 64) String> preferredSources) {

    JobRequest toJobRequest() {
        VideoRequest video = new VideoRequest(videoTitle, null, null, null, null, null, null, videoUrl);
        return new JobRequest(video, language, preferredSources, null, null, null);
    }
}
