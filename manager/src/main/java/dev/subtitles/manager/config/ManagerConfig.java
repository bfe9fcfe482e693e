package dev.subtitles.manager.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The manager's own settings (everything not under {@code quarkus.*}). Every entry is listed in the README's
 * configuration table; each can be set through the environment variable Quarkus derives from its name (e.g.
 * {@code MANAGER_OUTBOX_BATCH_SIZE}).
 */
@ConfigMapping(prefix = "manager")
public interface ManagerConfig {

    /**
     * This instance's name in the {@code source} of the events it emits ({@code /subtitles/manager/<instance>});
     * the host name when not set.
     */
    Optional<String> instance();

    /** The topic exchange every event is published to (docs/topology.md); tests use their own. */
    @WithDefault("subtitle.events")
    String exchange();

    /** Where the outbox relay publishes. */
    Broker broker();

    /** The transactional outbox and its relay. */
    Outbox outbox();

    /** Where the event-consumer's durable event log is read from (docs/projection.md). */
    Projection projection();

    /** Job submission and listing. */
    Jobs jobs();

    /** The audit trail endpoint. */
    Events events();

    /** Limits on requests, checked before routing. */
    Http http();

    /** How the manager waits on PostgreSQL and Redis while answering a request. */
    Dependencies dependencies();

    /** The deadline by which every job must have ended, and its sweep. */
    Deadline deadline();

    /** How long ended jobs, their event log and their files are kept. */
    Retention retention();

    /** The RabbitMQ broker the outbox relay connects to. */
    interface Broker {

        /** Broker host. */
        @WithDefault("localhost")
        String host();

        /** Broker AMQP port. */
        @WithDefault("5672")
        int port();

        /** User name. */
        @WithDefault("guest")
        String username();

        /** Password. */
        @WithDefault("guest")
        String password();

        /** Virtual host. */
        @WithDefault("/")
        String virtualHost();

        /** How long to wait for a TCP connection and the AMQP handshake before giving up until the next try. */
        @WithDefault("5s")
        Duration connectTimeout();
    }

    /** The transactional outbox relay. */
    interface Outbox {

        /** Most rows published (and confirmed together) in one relay round. */
        @WithDefault("200")
        int batchSize();

        /**
         * How often the relay looks for unsent rows on its own. Submissions wake it right after their commit, so
         * this only matters for rows left over by a failed round, a broker outage or another instance.
         */
        @WithDefault("1s")
        Duration pollInterval();

        /** How long the relay waits for the broker to confirm a batch before treating it as not sent. */
        @WithDefault("10s")
        Duration confirmTimeout();

        /** How long a sent row is kept (for inspection) before the pruner deletes it. */
        @WithDefault("1h")
        Duration retention();

        /** How often sent outbox rows and expired idempotency keys are deleted. */
        @WithDefault("5m")
        Duration pruneInterval();
    }

    /**
     * Where the event log written by the event-consumer lives. The projection's Redis keys are under
     * {@code subtitles.projection.key-prefix} ({@code dev.subtitles.common.projection.ProjectionConfig}), shared by
     * every service.
     */
    interface Projection {

        /** PostgreSQL schema of the durable event log table {@code job_event}, read when Redis has nothing. */
        @WithDefault("events")
        String eventLogSchema();
    }

    /** Job submission and listing. */
    interface Jobs {

        /** How long an {@code Idempotency-Key} is remembered. */
        @WithDefault("24h")
        Duration idempotencyRetention();

        /** Page size of {@code GET /jobs} when the request names none. */
        @WithDefault("20")
        int defaultPageSize();

        /** Largest page size of {@code GET /jobs}. */
        @WithDefault("100")
        int maxPageSize();

        /**
         * Most jobs one {@code GET /jobs?phase=} request examines to fill a page; a page can come back short with a
         * cursor to continue from when matches are rare.
         */
        @WithDefault("1000")
        int phaseFilterScanLimit();
    }

    /** The audit trail endpoint {@code GET /jobs/{id}/events}. */
    interface Events {

        /** Page size when the request names none. */
        @WithDefault("50")
        int defaultPageSize();

        /** Largest page size. */
        @WithDefault("500")
        int maxPageSize();

        /** Longest accepted {@code wait} of a long poll. */
        @WithDefault("60s")
        Duration maxWait();

        /**
         * While a long poll waits, how often it also looks itself, so that a missed pub/sub message (e.g. during a
         * Redis reconnect) only delays the answer.
         */
        @WithDefault("2s")
        Duration waitRecheckInterval();
    }

    /**
     * Limits the manager checks before routing, so that a request over them gets a problem document. The HTTP decoder's
     * own limits ({@code quarkus.http.limits.max-initial-line-length}, {@code max-header-size}) are set well above
     * these: what it refuses itself gets a status without a body.
     */
    interface Http {

        /** Longest request target (path and query), in characters; longer ones get 414. */
        @WithDefault("4096")
        int maxUriLength();

        /** Most bytes of header names and values together; more get 431. */
        @WithDefault("20480")
        int maxHeaderBytes();
    }

    /** Waiting on PostgreSQL and Redis while answering a request. */
    interface Dependencies {

        /**
         * Longest a request waits for PostgreSQL and Redis together (connection, pool and commands; a long poll's
         * wait for new events is not counted). Past it, or when either is unreachable, the answer is 503.
         */
        @WithDefault("5s")
        Duration timeout();

        /** The {@code Retry-After} of a 503 answered while a dependency is down. */
        @WithDefault("5s")
        Duration retryAfter();
    }

    /** The deadline sweep. */
    interface Deadline {

        /**
         * How long after its submission a job that nothing ended is ended as failed ({@code DEADLINE_EXCEEDED}).
         * Generous: beyond the longest the workers' retries can take.
         */
        @WithDefault("2h")
        Duration timeout();

        /** How often the sweep looks for jobs past their deadline ({@code off} disables it). */
        @WithDefault("1m")
        String sweepInterval();

        /** Most jobs one sweep round settles (it goes on while rounds are full). */
        @WithDefault("100")
        int batchSize();
    }

    /** The clean-up of ended jobs ({@code JobRetention}). */
    interface Retention {

        /**
         * How long after it ended (was settled) a job is deleted with its event log rows and stored files, and the
         * file contents no other file refers to.
         */
        @WithDefault("30D")
        Duration age();

        /** How often the clean-up runs ({@code off} disables it). */
        @WithDefault("1h")
        String interval();

        /** Most jobs one round deletes, in one short transaction; rounds go on while they are full. */
        @WithDefault("200")
        int batchSize();
    }
}
