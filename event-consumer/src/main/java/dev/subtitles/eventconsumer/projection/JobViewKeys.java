package dev.subtitles.eventconsumer.projection;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.subtitles.eventconsumer.config.EventConsumerConfig;

/** Names of the Redis keys and pub/sub channel of PROJECTION_CONTRACT.md, under the configured prefix. */
@ApplicationScoped
public class JobViewKeys {

    private final String prefix;

    public JobViewKeys(EventConsumerConfig config) {
        this.prefix = config.redis().keyPrefix().orElse("");
    }

    /** The hash with the job's phase and last event: {@code <prefix>job:<jobId>}. */
    public String job(UUID jobId) {
        return prefix + "job:" + jobId;
    }

    /** The sorted set with the job's history: {@code <prefix>job:<jobId>:events}. */
    public String history(UUID jobId) {
        return job(jobId) + ":events";
    }

    /** The channel that announces each projected event: {@code <prefix>job-events}. */
    public String channel() {
        return prefix + "job-events";
    }
}
