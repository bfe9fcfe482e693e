package dev.subtitles.common.outcome;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.subtitles.common.projection.ProjectionConfig;
import dev.subtitles.common.projection.ProjectionKeys;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;

/** {@link JobOutcomes} for every service that decides or reads how jobs end: the manager and the workers. */
@Singleton
public class JobOutcomesProducer {

    @Produces
    @Singleton
    JobOutcomes jobOutcomes(ReactiveRedisDataSource redis, ProjectionKeys keys, ProjectionConfig config) {
        return new JobOutcomes(redis, keys, config.outcomeRetention());
    }
}
