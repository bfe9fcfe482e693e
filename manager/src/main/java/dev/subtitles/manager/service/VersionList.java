package dev.subtitles.manager.service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.subtitles.manager.repository.SubtitleVersionRepository.StoredVersion;

/**
 * The versions of a done job's subtitle, oldest first ({@code GET /jobs/{id}/versions}, docs/upgrades.md).
 *
 * @param latest the number of the version {@code GET /jobs/{id}/subtitle} serves
 */
public record VersionList(UUID jobId, int latest, List<Version> versions) {

    /**
     * One version.
     *
     * @param provider where the subtitle came from; for a machine translation, where the subtitle it was translated
     *        from came from
     * @param engine the translation engine of a machine translation
     * @param score how well it matched the request (the downloader's scale); absent for a machine translation
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Version(int version, UUID fileId, String provider, String engine, String model, String language,
            Double score, boolean machineTranslated, Instant createdAt, Links links) {
    }

    /** Where to fetch it. */
    public record Links(String subtitle) {
    }

    static VersionList of(UUID jobId, List<StoredVersion> stored) {
        String subtitle = "/jobs/" + jobId + "/subtitle?version=";
        List<Version> versions = stored.stream().map(v -> new Version(v.version(), v.fileId(), v.provider(),
                v.engine(), v.model(), v.language(), v.score(), v.machineTranslated(), v.createdAt(),
                new Links(subtitle + v.version()))).toList();
        return new VersionList(jobId, versions.get(versions.size() - 1).version(), versions);
    }
}
