package dev.subtitles.translator.job;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.subtitles.common.outcome.JobOutcomes;
import dev.subtitles.common.worker.JobPhases;
import dev.subtitles.translator.config.TranslatorConfig;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;

/** Where the translator reads a job's projected phase and records or reads its outcome (plain classes of common). */
public class JobStateProducers {

    @Produces
    @Singleton
    JobPhases jobPhases(ReactiveRedisDataSource redis, TranslatorConfig config) {
        return new JobPhases(redis, config.phases().keyPrefix());
    }

    @Produces
    @Singleton
    JobOutcomes jobOutcomes(ReactiveRedisDataSource redis, TranslatorConfig config) {
        return new JobOutcomes(redis, config.outcomes().keyPrefix(), config.outcomes().retention());
    }
}
