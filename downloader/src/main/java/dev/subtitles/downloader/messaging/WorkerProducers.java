package dev.subtitles.downloader.messaging;

import java.io.IOException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;

import dev.subtitles.common.event.EventCodec;
import dev.subtitles.common.worker.Backoff;
import dev.subtitles.common.worker.DeadLetterPublisher;
import dev.subtitles.common.worker.DelayQueueDeclarer;
import dev.subtitles.common.worker.DelayQueues;
import dev.subtitles.common.worker.EventPublisher;
import dev.subtitles.common.worker.JobPhases;
import dev.subtitles.common.worker.RetryScheduler;
import dev.subtitles.downloader.config.DownloaderConfig;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.MutinyEmitter;

/**
 * Beans of the worker helpers shared with the other worker ({@code dev.subtitles.common.worker}, plain classes),
 * wired to this service's channels and settings; declares the delay queues at start.
 */
public class WorkerProducers {

    @Produces
    @Singleton
    EventCodec eventCodec() {
        return new EventCodec();
    }

    @Produces
    @Singleton
    DelayQueues delayQueues(DownloaderConfig config) {
        return new DelayQueues(config.messaging().queue(), config.retry().initialDelay(), config.retry().maxDelay());
    }

    @Produces
    @Singleton
    Backoff backoff(DownloaderConfig config) {
        return new Backoff(config.retry().initialDelay(), config.retry().maxDelay(), config.retry().jitter(),
                () -> ThreadLocalRandom.current().nextDouble());
    }

    @Produces
    @Singleton
    EventPublisher eventPublisher(@Channel(Channels.EVENTS) MutinyEmitter<byte[]> emitter, EventCodec codec) {
        return new EventPublisher(emitter, codec);
    }

    @Produces
    @Singleton
    RetryScheduler retryScheduler(@Channel(Channels.RETRIES) MutinyEmitter<byte[]> emitter, EventCodec codec,
            DelayQueues delayQueues) {
        return new RetryScheduler(emitter, codec, delayQueues);
    }

    @Produces
    @Singleton
    DeadLetterPublisher deadLetterPublisher(@Channel(Channels.DEAD_LETTERS) MutinyEmitter<byte[]> emitter,
            DownloaderConfig config) {
        return new DeadLetterPublisher(emitter, config.messaging().queue(), config.retry().initialDelay());
    }

    @Produces
    @Singleton
    JobPhases jobPhases(ReactiveRedisDataSource redis, DownloaderConfig config) {
        return new JobPhases(redis, config.redis().jobKeyPrefix());
    }

    void declareDelayQueues(@Observes StartupEvent start, DelayQueues delayQueues,
            @ConfigProperty(name = "rabbitmq-host") String host,
            @ConfigProperty(name = "rabbitmq-port") int port,
            @ConfigProperty(name = "rabbitmq-username") String username,
            @ConfigProperty(name = "rabbitmq-password") String password) throws IOException, TimeoutException {
        new DelayQueueDeclarer(host, port, username, password).declare(delayQueues, "downloader-topology");
    }
}
