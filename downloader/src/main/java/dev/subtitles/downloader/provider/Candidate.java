package dev.subtitles.downloader.provider;

/**
 * One subtitle a provider offers, described by what the provider says about it. The scorer compares these
 * attributes with the query; a provider never scores its own candidates.
 *
 * @param provider name of the provider that found it
 * @param reference provider-specific key to download it with (a file id, a path)
 * @param language ISO 639-1 code
 * @param title title of the video the subtitle was made for, or {@code null}
 * @param year release year of that video, or {@code null}
 * @param imdbId IMDb id of that video, or {@code null}
 * @param season season of that episode, or {@code null}
 * @param episode episode number, or {@code null}
 * @param releaseName release name the subtitle was synced with, or {@code null}
 * @param hashMatch whether the provider matched the query's file hash
 * @param hearingImpaired whether it describes sounds for the hearing impaired
 * @param downloadCount how many times it was downloaded at the provider (popularity)
 */
public record Candidate(String provider, String reference, String language, String title, Integer year,
        String imdbId, Integer season, Integer episode, String releaseName, boolean hashMatch, boolean hearingImpaired,
        long downloadCount) {
}
