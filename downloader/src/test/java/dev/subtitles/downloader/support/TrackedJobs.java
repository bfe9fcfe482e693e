package dev.subtitles.downloader.support;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.subtitles.common.event.JobEvent;
import dev.subtitles.common.event.payload.DownloadRequested;
import dev.subtitles.common.event.payload.VideoRef;
import dev.subtitles.common.outcome.JobOutcomes;
import dev.subtitles.downloader.config.DownloaderConfig;
import io.quarkus.redis.datasource.RedisDataSource;

/**
 * The jobs a test requests, remembered so that their keys in Redis (the claim on attempt 1 and the outcome) are
 * removed after the test, whatever state it left them in.
 */
public final class TrackedJobs {

    private final List<UUID> jobs = new ArrayList<>();

    /** The key of the claim on attempt 1 of {@code job}. */
    public static String claimKey(DownloaderConfig config, UUID job) {
        return config.redis().keyPrefix() + "attempt:" + job + ":1";
    }

    /** Remembers the request's job and returns the request. */
    public JobEvent<DownloadRequested> track(JobEvent<DownloadRequested> request) {
        jobs.add(request.jobId());
        return request;
    }

    /** A request, for a new tracked job, of the Spanish subtitle of the test library's Spanish-only film. */
    public JobEvent<DownloadRequested> spanishFilm() {
        return track(EventProbe.request(new VideoRef(TestLibrary.SPANISH_ONLY, 2019, null, null, null, null, null,
                null), "es"));
    }

    /** Deletes the claim and outcome keys of every tracked job. */
    public void removeKeys(RedisDataSource redis, DownloaderConfig config, JobOutcomes outcomes) {
        for (UUID job : jobs) {
            redis.key().del(claimKey(config, job), outcomes.key(job));
        }
    }
}
