package dev.subtitles.eventconsumer.config;

import java.time.Duration;
import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The event-consumer's own settings. The RabbitMQ topology (exchange and queue names, prefetch, delivery limit) is
 * configured on the messaging channel in {@code application.properties} instead.
 */
@ConfigMapping(prefix = "event-consumer")
public interface EventConsumerConfig {

    /**
     * Name of this instance in the {@code source} of the events it publishes itself (a {@code job.failed} for an
     * event that cannot be stored); several instances should differ.
     */
    @WithDefault("${HOSTNAME:event-consumer}")
    String instance();

    /**
     * Size and lifetime of the Redis view the manager reads; its keys are under {@code subtitles.projection.key-prefix}
     * ({@code dev.subtitles.common.projection.ProjectionConfig}), shared by every service.
     */
    Redis redis();

    /** How messages are grouped so that PostgreSQL and Redis see one round trip per batch, not per event. */
    Batch batch();

    /** What happens when PostgreSQL or Redis fail while a batch is projected. */
    Retry retry();

    /** The longest wait on each server. */
    Timeout timeout();

    /** The broker connection the event-consumer publishes on (dead-letter copies, a {@code job.failed}). */
    Publisher publisher();

    /** The rebuild of the Redis view from the event log. */
    Rebuild rebuild();

    /** The queue of events no queue binds (the events exchange's alternate exchange). */
    Unrouted unrouted();

    /** The tags the job metrics count by. */
    Metrics metrics();

    /** The queues whose depth is measured. */
    Queues queues();

    interface Redis {

        /** Entries kept in a job's history sorted set; older ones are dropped (they stay in PostgreSQL). */
        @WithDefault("1000")
        int historyMaxEntries();

        /**
         * Lifetime of a job's hash and history after its latest event, refreshed on each event. Redis is a cache of
         * the event log: an expired job can be rebuilt.
         */
        @WithDefault("P7D")
        Duration ttl();
    }

    interface Batch {

        /**
         * Largest number of messages projected together. A batch holds what arrived while the previous one was
         * projected, so it never waits to fill up; this only caps it. Two batches are in hand at once
         * (one recorded while the one before is projected), so keep it at most half the prefetch
         * ({@code PROJECTION_PREFETCH}).
         */
        @WithDefault("64")
        int maxSize();
    }

    interface Retry {

        /** First pause before a failed batch is tried again; the pause doubles up to {@link #maxDelay()}. */
        @WithDefault("100ms")
        Duration initialDelay();

        /** Longest pause between two tries of a failed batch. */
        @WithDefault("5s")
        Duration maxDelay();

        /**
         * Tries of a batch, in place, that fails for a reason that is neither a server being away (retried in place
         * until the server is back, however long that takes) nor an event PostgreSQL rejects (isolated and
         * dead-lettered at once): an unexpected error. Afterwards each message is tried alone once and the ones that
         * still fail go back to the queue after {@link #maxDelay()}.
         */
        @WithDefault("10")
        int attempts();
    }

    interface Publisher {

        /** Host of the broker the publishing connection goes to; the consumer's broker unless set. */
        @WithDefault("${rabbitmq-host}")
        String host();

        /** Port of that broker. */
        @WithDefault("${rabbitmq-port}")
        int port();
    }

    interface Timeout {

        /**
         * Longest wait for PostgreSQL to answer the statement that records a batch, and for Redis to answer the
         * pipeline that projects it; a try that takes longer counts as failed and is tried again.
         */
        @WithDefault("30s")
        Duration server();

        /**
         * Longest wait for the broker to confirm a publish (a dead-letter copy, a {@code job.failed}) or to take an
         * ack. A publish not confirmed in time counts as failed: its message goes back to the queue later. Acks
         * not taken in time abort the consumer's connection, so that the broker redelivers their messages.
         */
        @WithDefault("10s")
        Duration broker();
    }

    interface Rebuild {

        /** Jobs read from PostgreSQL per page when rebuilding every job. */
        @WithDefault("200")
        int pageSize();

        /** Jobs of a page rebuilt at the same time. */
        @WithDefault("8")
        int concurrency();
    }

    interface Unrouted {

        /** How often the queue is declared again and its depth read into the {@code events.unrouted} gauge. */
        @WithDefault("15s")
        Duration checkInterval();
    }

    interface Metrics {

        /**
         * Subtitle providers counted by name in {@code subtitles_jobs_done_total{source}}; any other counts as
         * {@code other}. Every series is registered at start, so the list is fixed, and short.
         */
        @WithDefault("library,opensubtitles")
        List<String> providers();

        /** Translation engines counted by name in {@code subtitles_jobs_done_total{source}}; others as {@code other}. */
        @WithDefault("apertium,libretranslate,deepl,openai")
        List<String> engines();

        /** Languages counted by name in {@code subtitles_jobs_done_total{language}}; others as {@code other}. */
        @WithDefault("en,es,fr,de,it,pt,nl,pl,ru,ja,zh,ar")
        List<String> languages();
    }

    interface Queues {

        /**
         * Work queues whose ready messages and consumers are read (with their {@code .dlq}) into
         * {@code subtitles_queue_messages} and {@code subtitles_queue_consumers}.
         */
        @WithDefault("downloader.requests.high,downloader.requests,downloader.requests.low,translator.requests.high,"
                + "translator.requests,translator.requests.low,event-consumer.projection")
        List<String> watched();

        /** How often the depths are read; each read is one passive declare per queue. */
        @WithDefault("15s")
        Duration checkInterval();

        /** Longest wait for the broker for one round of reads; a round that takes longer leaves the gauges unknown. */
        @WithDefault("5s")
        Duration timeout();
    }
}
