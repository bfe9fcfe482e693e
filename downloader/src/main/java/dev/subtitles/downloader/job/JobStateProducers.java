package dev.subtitles.downloader.job;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.subtitles.common.outcome.JobOutcomes;
import dev.subtitles.common.worker.JobPhases;
import dev.subtitles.downloader.config.DownloaderConfig;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;

/** Where the downloader reads a job's projected phase and records or reads its outcome (plain classes of common). */
public class JobStateProducers {

    @Produces
    @Singleton
    JobPhases jobPhases(ReactiveRedisDataSource redis, DownloaderConfig config) {
        return new JobPhases(redis, config.redis().jobKeyPrefix());
    }

    @Produces
    @Singleton
    JobOutcomes jobOutcomes(ReactiveRedisDataSource redis, DownloaderConfig config) {
        return new JobOutcomes(redis, config.redis().outcomeKeyPrefix(), config.redis().outcomeRetention());
    }
}
