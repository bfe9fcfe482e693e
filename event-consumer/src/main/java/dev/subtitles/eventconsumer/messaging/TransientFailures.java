package dev.subtitles.eventconsumer.messaging;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

import dev.subtitles.eventconsumer.projection.ConcurrentRecordingException;
import io.vertx.core.VertxException;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.redis.client.Response;
import io.vertx.sqlclient.DatabaseException;

/**
 * Tells a failure worth waiting out (a server down, restarting, busy or not answering; a conflict with another
 * instance) from the rest. A transient failure is tried again in place, with backoff, for as long as it lasts: the
 * batch's messages stay unacknowledged and consumption pauses, so an outage of any length loses nothing and bounces
 * nothing. Anything else is either PostgreSQL rejecting an event for what it holds (handled by the projection, which
 * isolates the event) or unexpected, which retrying in place a bounded number of times and then message by message
 * settles.
 */
final class TransientFailures {

    /**
     * SQLSTATE classes: 08 connection exception, 40 transaction rollback (serialization failure, deadlock), 53
     * insufficient resources, 57 operator intervention (e.g. the server shutting down).
     */
    private static final Set<String> TRANSIENT_SQL_STATE_CLASSES = Set.of("08", "40", "53", "57");
    /**
     * Redis error replies that mean "not now" rather than "not this", and {@code CONNECTION_CLOSED}, which the Vert.x
     * client fails pending requests with when the connection drops.
     */
    private static final Set<String> TRANSIENT_REDIS_ERRORS = Set.of("LOADING", "BUSY", "TRYAGAIN", "MASTERDOWN",
            "CLUSTERDOWN", "READONLY", "CONNECTION_CLOSED");

    private TransientFailures() {
    }

    static boolean isTransient(Throwable failure) {
        if (failure instanceof CompletionException && failure.getCause() != null) {
            return isTransient(failure.getCause());
        }
        if (failure instanceof ConcurrentRecordingException) {
            return true;
        }
        if (failure instanceof DatabaseException database) {
            String sqlState = database.getSqlState();
            return sqlState != null && sqlState.length() >= 2
                    && TRANSIENT_SQL_STATE_CLASSES.contains(sqlState.substring(0, 2));
        }
        if (failure instanceof Response redisError) {
            String message = redisError.toString();
            int end = message.indexOf(' ');
            return TRANSIENT_REDIS_ERRORS.contains(end < 0 ? message : message.substring(0, end));
        }
        // The server is away: connection refused, reset or closed (the Vert.x clients report a lost connection as a
        // VertxException or a NoStackTraceThrowable), a pool without connections, or no answer in time.
        return failure instanceof IOException || failure instanceof TimeoutException
                || failure instanceof VertxException || failure instanceof NoStackTraceThrowable;
    }
}
