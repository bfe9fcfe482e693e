package dev.subtitles.manager.service;

import java.io.IOException;
import java.net.SocketException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.subtitles.manager.config.ManagerConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.core.VertxException;
import io.vertx.pgclient.PgException;

/**
 * Bounds how long a request waits on PostgreSQL and Redis, and tells an outage apart from a bug: a request's work runs
 * through {@link #guard(Uni)}, which fails it with {@link DependencyUnavailableException} (503 with
 * {@code Retry-After}) when it has no answer within {@code manager.dependencies.timeout} or failed because a server
 * could not be reached or dropped the connection. Any other failure passes through unchanged, so a bug still shows
 * as one.
 */
@ApplicationScoped
public class Outages {

    private static final Logger LOG = Logger.getLogger(Outages.class);

    private final Duration timeout;

    public Outages(ManagerConfig config) {
        this.timeout = config.dependencies().timeout();
    }

    /** {@code operation}, bounded in time, with outages turned into {@link DependencyUnavailableException}. */
    public <T> Uni<T> guard(Uni<T> operation) {
        return operation.ifNoItem().after(timeout)
                .failWith(() -> new DependencyUnavailableException("no answer from PostgreSQL or Redis within "
                        + timeout.toMillis() + " ms", null))
                .onFailure(Outages::isOutage).transform(Outages::unavailable);
    }

    /**
     * {@code operation} with outages turned into {@link DependencyUnavailableException}, not bounded in time: for work
     * that waits on purpose (a long poll).
     */
    public <T> Uni<T> translate(Uni<T> operation) {
        return operation.onFailure(Outages::isOutage).transform(Outages::unavailable);
    }

    private static Throwable unavailable(Throwable failure) {
        if (failure instanceof DependencyUnavailableException) {
            return failure;
        }
        LOG.warnf("a dependency is unavailable: %s", describe(failure));
        return new DependencyUnavailableException("PostgreSQL or Redis is unreachable", failure);
    }

    /**
     * Whether {@code failure} (or one of its causes) says a server was unreachable or went away: refused or failed
     * connections, closed channels, time-outs, and PostgreSQL's connection-level errors (SQLSTATE class 08, and 57P
     * for a server shutting down or starting).
     */
    static boolean isOutage(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof DependencyUnavailableException || cause instanceof SocketException
                    || cause instanceof ClosedChannelException || cause instanceof TimeoutException
                    || cause instanceof io.smallrye.mutiny.TimeoutException) {
                return true;
            }
            if (cause instanceof PgException pg && pg.getSqlState() != null
                    && (pg.getSqlState().startsWith("08") || pg.getSqlState().startsWith("57P"))) {
                return true;
            }
            if ((cause instanceof IOException || cause instanceof VertxException
                    || cause.getClass().getName().startsWith("io.vertx.")) && isConnectionMessage(cause.getMessage())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The Vert.x clients report a dropped or refused connection as a plain exception with one of these messages (the
     * Redis client's is {@code CONNECTION_CLOSED}, without a stack trace).
     */
    private static boolean isConnectionMessage(String message) {
        if (message == null) {
            return false;
        }
        String text = message.toLowerCase(Locale.ROOT);
        return text.contains("connection refused") || text.contains("connection reset")
                || text.contains("connection_closed")
                || text.contains("connection was closed") || text.contains("connection is closed")
                || text.contains("connection closed") || text.contains("failed to read any response");
    }

    private static String describe(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            text.append(text.length() == 0 ? "" : " <- ").append(cause.getClass().getSimpleName()).append(": ")
                    .append(cause.getMessage());
        }
        return text.toString();
    }
}
