package dev.subtitles.downloader.service;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.subtitles.common.outcome.JobOutcomes;
import dev.subtitles.common.projection.ProjectionKeys;
import dev.subtitles.downloader.config.DownloaderConfig;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;

/** {@link JobOutcomes} is a plain class in {@code common}; this makes it a bean on the shared outcome keys. */
public class OutcomeProducer {

    @Produces
    @Singleton
    JobOutcomes jobOutcomes(ReactiveRedisDataSource redis, ProjectionKeys keys, DownloaderConfig config) {
        return new JobOutcomes(redis, keys, config.redis().outcomeRetention());
    }
}
